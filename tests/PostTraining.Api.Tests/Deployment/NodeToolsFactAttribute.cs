using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Deployment;

/// <summary>
/// A test that uses the npm tools of tools/package.json. Without tools/node_modules it is reported as skipped with
/// the command that installs them (CI runs it), never silently passed.
/// </summary>
public sealed class NodeToolsFactAttribute : FactAttribute
{
    public static string NodeModules => Repository.PathOf("tools", "node_modules");

    public NodeToolsFactAttribute()
    {
        if (!Directory.Exists(NodeModules))
        {
            Skip = $"The npm tools are not installed ({NodeModules} is missing): run `npm ci --prefix tools` (.ci/run does).";
        }
    }
}
