using EnvTool.Resolve.PubGrub;
using EnvTool.Resolve.Ranges;
using EnvTool.Standards.Versions;

namespace EnvTool.Tests.Resolve;

/// <summary>The wording of explanations: whole derivations through the resolver, and numbering on hand-built trees.</summary>
public sealed class ExplanationTests(StaticIndexServer server) : IClassFixture<StaticIndexServer>
{
    [Fact]
    public async Task Explains_a_dependency_conflict_in_two_sentences()
    {
        using var r = new UniverseResolver(server, new Universe()
            .Add("flask", "2.0", "werkzeug>=2").Add("flask", "3.0", "werkzeug>=3").Add("flask", "3.1", "werkzeug>=3")
            .Add("werkzeug", "2.0").Add("werkzeug", "3.0"));
        Assert.Equal(
            "Because flask>=3.0 depends on werkzeug>=3 and you require flask>=3, werkzeug>=3 is required.\n" +
            "And because you require werkzeug<3, your requirements are unsatisfiable.",
            await r.ExplainAsync(["flask>=3", "werkzeug<3"]));
    }

    [Fact]
    public async Task Explains_an_extra_and_a_missing_extra_dependency()
    {
        using var r = new UniverseResolver(server, new Universe()
            .Add("web", new Release("1.0") { Extras = new Dictionary<string, IReadOnlyList<string>> { ["tls"] = ["certs>=2"] } })
            .Add("certs", "1.0"));
        Assert.Equal(
            "Because web[tls] depends on certs>=2 and there is no version of certs>=2, web[tls] cannot be used.\n" +
            "And because you require web[tls], your requirements are unsatisfiable.",
            await r.ExplainAsync(["web[tls]"]));
    }

    private static SolverPackage P(string name) => SolverPackage.Base(name);
    private static VersionSet S(string specifiers) => VersionSet.From(SpecifierSet.Parse(specifiers));
    private static KeyValuePair<SolverPackage, Term> Is(string name, string specifiers = "") => new(P(name), Term.Is(S(specifiers)));
    private static KeyValuePair<SolverPackage, Term> Not(string name, string specifiers = "") => new(P(name), Term.IsNot(S(specifiers)));
    private static KeyValuePair<SolverPackage, Term> Root => new(SolverPackage.Root, Term.Is(VersionSet.Exactly(Solver.RootVersion)));

    [Fact]
    public void Numbers_a_fact_used_twice_and_refers_back_to_it()
    {
        // a cannot be used (b>=2 needs a newer Python); c and d both need a; e==1 needs c, e==2 needs d; you need e.
        var aNeedsB = Incompatibility.Dependency(P("a"), VersionSet.Full, P("b"), S(">=2"));
        var bTooNew = new Incompatibility([Is("b", ">=2")], IncompatibilityKind.Unavailable, "requires Python >=3.13, but the target is 3.12.0");
        var aUnusable = new Incompatibility([Is("a")], IncompatibilityKind.Conflict, first: aNeedsB, second: bTooNew);
        var cUnusable = new Incompatibility([Is("c")], IncompatibilityKind.Conflict,
            first: Incompatibility.Dependency(P("c"), VersionSet.Full, P("a"), VersionSet.Full), second: aUnusable);
        var dUnusable = new Incompatibility([Is("d")], IncompatibilityKind.Conflict,
            first: Incompatibility.Dependency(P("d"), VersionSet.Full, P("a"), VersionSet.Full), second: aUnusable);
        var e1Unusable = new Incompatibility([Is("e", "==1")], IncompatibilityKind.Conflict,
            first: Incompatibility.Dependency(P("e"), S("==1"), P("c"), VersionSet.Full), second: cUnusable);
        var e2Unusable = new Incompatibility([Is("e", "==2")], IncompatibilityKind.Conflict,
            first: Incompatibility.Dependency(P("e"), S("==2"), P("d"), VersionSet.Full), second: dUnusable);
        var eUnusable = new Incompatibility([Is("e")], IncompatibilityKind.Conflict, first: e1Unusable, second: e2Unusable);
        var terminal = new Incompatibility([Root], IncompatibilityKind.Conflict,
            first: Incompatibility.Dependency(SolverPackage.Root, VersionSet.Exactly(Solver.RootVersion), P("e"), VersionSet.Full),
            second: eUnusable);

        Assert.Equal(
            "(1) Because a depends on b>=2 and b>=2 requires Python >=3.13, but the target is 3.12.0, a cannot be used.\n" +
            "(2) And because c depends on a and e==1 depends on c, e==1 cannot be used.\n" +
            "\n" +
            "    Because d depends on a and a cannot be used (1), d cannot be used.\n" +
            "    And because e==2 depends on d, e==2 cannot be used.\n" +
            "    And because e==1 cannot be used (2), e cannot be used.\n" +
            "    And because you require e, your requirements are unsatisfiable.",
            new ExplanationWriter().Write(terminal));
    }
}
