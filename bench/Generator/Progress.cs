using System.Diagnostics;

namespace PostTraining.Bench.Generator;

/// <summary>Rows written so far for one table: redrawn in place on a terminal, every 10% when the output is a file.</summary>
internal sealed class Progress(string table, long total)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _lastDraw;
    private int _lastDecile = -1;

    public void Report(long done)
    {
        if (Console.IsOutputRedirected)
        {
            var decile = (int)(done * 10 / Math.Max(total, 1));
            if (decile != _lastDecile)
            {
                _lastDecile = decile;
                Console.WriteLine(Line(done));
            }

            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (done == total || Stopwatch.GetElapsedTime(_lastDraw, now) > TimeSpan.FromMilliseconds(200))
        {
            _lastDraw = now;
            Console.Write("\r" + Line(done) + "   ");
        }
    }

    public TimeSpan Done()
    {
        var elapsed = Stopwatch.GetElapsedTime(_started);
        if (!Console.IsOutputRedirected)
        {
            Console.Write("\r" + Line(total) + "   \n");
        }
        else if (_lastDecile < 10)
        {
            Console.WriteLine(Line(total));
        }

        return elapsed;
    }

    private string Line(long done)
    {
        var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var rate = seconds > 0 ? done / seconds : 0;
        return $"  {table,-22} {done,10:N0} / {total:N0}  ({done * 100 / Math.Max(total, 1),3}%)  {rate,9:N0} rows/s  {seconds,6:0.0} s";
    }
}
