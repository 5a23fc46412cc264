using EnvTool.Resolve.PubGrub;
using EnvTool.Resolve.Ranges;
using EnvTool.Standards.Versions;

namespace EnvTool.Tests.Resolve;

/// <summary>
/// The PubGrub core against brute force on many small random universes (in memory, no index): every
/// solution it returns satisfies all dependencies, it reports "no solution" exactly when exhaustive search
/// finds none, and every failure has an explanation that ends in the conclusion.
/// </summary>
public sealed class SolverRandomTests
{
    private sealed class MemoryProvider(Dictionary<string, Dictionary<Pep440Version, List<(string, VersionSet)>>> universe,
        List<(string, VersionSet)> root) : ISolverProvider
    {
        public ValueTask<CandidateList> GetCandidatesAsync(SolverPackage package, CancellationToken cancellationToken) =>
            ValueTask.FromResult(package.IsRoot ? new CandidateList([new Candidate(Solver.RootVersion)])
                : universe.TryGetValue(package.Name, out var versions)
                    ? new CandidateList(versions.Keys.OrderDescending().Select(v => new Candidate(v)).ToList())
                    : CandidateList.Missing);

        public ValueTask<DependencyList> GetDependenciesAsync(SolverPackage package, Pep440Version version, CancellationToken cancellationToken)
        {
            var deps = package.IsRoot ? root : universe[package.Name][version];
            return ValueTask.FromResult(new DependencyList(deps.Select(d => new KeyValuePair<SolverPackage, VersionSet>(SolverPackage.Base(d.Item1), d.Item2)).ToList()));
        }

        public void Prefetch(SolverPackage package, VersionSet range) { }
    }

    [Fact]
    public async Task Agrees_with_exhaustive_search_on_random_universes()
    {
        var random = new Random(2024);
        var names = new[] { "a", "b", "c", "d", "e" };
        int solved = 0, unsolvable = 0;
        for (int round = 0; round < 400; round++)
        {
            var universe = new Dictionary<string, Dictionary<Pep440Version, List<(string, VersionSet)>>>();
            int packageCount = random.Next(2, names.Length + 1);
            foreach (var name in names.Take(packageCount))
            {
                var versions = new Dictionary<Pep440Version, List<(string, VersionSet)>>();
                int versionCount = random.Next(1, 5);
                for (int v = 1; v <= versionCount; v++)
                {
                    var deps = new List<(string, VersionSet)>();
                    foreach (var other in names.Where(n => n != name))
                        if (random.Next(4) == 0) deps.Add((other, RandomRange(random)));
                    versions[Pep440Version.Parse($"{v}.0")] = deps;
                }
                universe[name] = versions;
            }
            var root = names.Where(_ => random.Next(2) == 0).Select(n => (n, RandomRange(random))).ToList();
            if (root.Count == 0) root.Add(("a", VersionSet.Full));

            var provider = new MemoryProvider(universe, root);
            var brute = BruteForce(universe, root);
            try
            {
                var solution = await new Solver(provider, []).SolveAsync(CancellationToken.None);
                var chosen = solution.ToDictionary(s => s.Key.Name, s => s.Value);
                Assert.True(IsValid(universe, root, chosen), $"round {round}: invalid solution {string.Join(" ", chosen)}");
                solved++;
            }
            catch (NoSolutionException e)
            {
                Assert.False(brute, $"round {round}: solver found no solution, brute force did");
                var text = new ExplanationWriter().Write(e.Terminal);
                Assert.EndsWith("your requirements are unsatisfiable.", text);
                unsolvable++;
            }
        }
        Assert.True(solved > 50 && unsolvable > 50, $"{solved} solved, {unsolvable} unsolvable: generator too lopsided");
    }

    private static VersionSet RandomRange(Random random) => random.Next(5) switch
    {
        0 => VersionSet.Full,
        1 => VersionSet.From(SpecifierSet.Parse($">={random.Next(1, 5)}.0")),
        2 => VersionSet.From(SpecifierSet.Parse($"<{random.Next(1, 5)}.0")),
        3 => VersionSet.From(SpecifierSet.Parse($"=={random.Next(1, 5)}.0")),
        _ => VersionSet.From(SpecifierSet.Parse($"!={random.Next(1, 5)}.0")),
    };

    private static bool IsValid(Dictionary<string, Dictionary<Pep440Version, List<(string, VersionSet)>>> universe,
        List<(string, VersionSet)> root, Dictionary<string, Pep440Version> chosen)
    {
        bool Satisfied(List<(string, VersionSet)> deps) =>
            deps.All(d => chosen.TryGetValue(d.Item1, out var v) && d.Item2.Contains(v) && universe.ContainsKey(d.Item1));
        return Satisfied(root) && chosen.All(c => universe[c.Key].ContainsKey(c.Value) && Satisfied(universe[c.Key][c.Value]));
    }

    private static bool BruteForce(Dictionary<string, Dictionary<Pep440Version, List<(string, VersionSet)>>> universe,
        List<(string, VersionSet)> root)
    {
        var names = universe.Keys.ToList();
        var chosen = new Dictionary<string, Pep440Version>();
        bool Search(int i)
        {
            if (i == names.Count) return IsValid(universe, root, chosen);
            if (Search(i + 1)) return true;
            foreach (var v in universe[names[i]].Keys)
            {
                chosen[names[i]] = v;
                if (Search(i + 1)) return true;
                chosen.Remove(names[i]);
            }
            return false;
        }
        return Search(0);
    }
}
