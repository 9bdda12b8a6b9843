using Microsoft.Net.Http.Headers;

namespace PostTraining.Api.Explorer;

/// <summary>Serves the taxonomy explorer (wwwroot: index.html, its modules and the vendored libraries) at <c>/</c>.</summary>
public static class ExplorerSetup
{
    public static void UseExplorer(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // The files carry no version in their names, so browsers revalidate (cheap 304s on the ETag) instead of
            // keeping an explorer that no longer matches the API after a deployment.
            OnPrepareResponse = ctx => ctx.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
        });
    }
}
