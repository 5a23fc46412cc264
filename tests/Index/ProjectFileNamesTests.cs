using EnvTool.Index;

namespace EnvTool.Tests.Index;

public sealed class ProjectFileNamesTests
{
    [Theory]
    [InlineData("demo-1.0-py3-none-any.whl", "demo", true)]
    [InlineData("Demo_Pkg-1.0-py3-none-any.whl", "demo-pkg", true)]
    [InlineData("demo_pkg-1.0-py3-none-any.whl", "demo", false)]
    [InlineData("demo-1.0.tar.gz", "demo", true)]
    [InlineData("Demo.Pkg-2.0rc1.zip", "demo-pkg", true)]
    [InlineData("demo-pkg-1.0.tar.gz", "demo", false)]
    [InlineData("demo-pkg-1.0.tar.gz", "demo-pkg", true)]
    [InlineData("demo-notaversion.tar.gz", "demo", false)]
    [InlineData("demo-1.0.exe", "demo", false)]
    [InlineData("demo-1.0.tar.gz.asc", "demo", false)]
    public void Tells_which_project_a_file_belongs_to(string fileName, string project, bool expected) =>
        Assert.Equal(expected, ProjectFileNames.BelongsTo(fileName, project));
}
