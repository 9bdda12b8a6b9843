namespace PostTraining.Api.Explorer;

/// <summary>
/// Serves the taxonomy explorer (wwwroot: index.html, its modules and the vendored libraries) at <c>/</c> through
/// ASP.NET Core's static asset endpoints, from the manifest the build writes: every file under its fingerprinted name
/// (<c>explorer/app.{hash}.js</c>, cached a year as <c>immutable</c>: a new build is a new name) and its plain name
/// (<c>no-cache</c>, revalidated on the ETag), each with a strong ETag and the gzip (build) and Brotli (publish) forms
/// made at build time. index.html names the fingerprinted scripts (its placeholders and import map are filled in at
/// build and publish, <c>OverrideHtmlAssetPlaceholders</c>; the csproj puts the hash in the scripts' file names, which
/// publish requires), so a deployment is picked up at once while unchanged scripts are never fetched again.
/// </summary>
public static class ExplorerSetup
{
    /// <summary>Set to true (e.g. under <c>dotnet watch</c>) to have edited wwwroot files served without a rebuild.</summary>
    public const string ReloadAtRuntimeKey = "ReloadStaticAssetsAtRuntime";

    /// <summary>
    /// Run from a build (dotnet run, the tests) in any environment, not only Development, the assets come from the
    /// build's manifest (the filled-in index.html, the compressed forms under obj/); a published app has no such
    /// manifest and serves its wwwroot, where publish put the same files. Serving from a build would otherwise switch
    /// on ASP.NET Core's runtime-reload handler, which drops the immutable caching and re-encodes compressed variants
    /// on the fly with gzip even where the manifest says Brotli (seen: <c>Content-Encoding: br</c> over a gzip body);
    /// off unless configured, a build serves exactly what a publish does.
    /// </summary>
    public static void AddExplorer(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseStaticWebAssets();
        if (builder.Configuration[ReloadAtRuntimeKey] is null)
        {
            builder.Configuration[ReloadAtRuntimeKey] = "false";
        }
    }

    /// <summary>Before routing: maps <c>/</c> to <c>/index.html</c>, which routing then matches to its asset endpoint.</summary>
    public static void UseExplorer(this WebApplication app) => app.UseDefaultFiles();

    public static void MapExplorer(this WebApplication app) => app.MapStaticAssets();
}
