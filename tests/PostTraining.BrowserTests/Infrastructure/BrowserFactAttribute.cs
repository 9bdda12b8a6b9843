namespace PostTraining.BrowserTests.Infrastructure;

/// <summary>
/// A test that needs the Debian Chromium. Without it the test is reported as skipped, with the reason, rather than
/// failing on a machine that cannot run it or passing without having run.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium.ExecutablePath))
        {
            Skip = $"Chromium is not installed at {Chromium.ExecutablePath}, so the browser tests cannot run: install it with `apt-get install -y chromium` (.ci/run does).";
        }
    }
}
