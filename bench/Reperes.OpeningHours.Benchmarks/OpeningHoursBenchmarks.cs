using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Reperes.OpeningHours;

BenchmarkRunner.Run<OpeningHoursBenchmarks>(args: args);

/// <summary>
/// What "open now" costs per structure: parsing a typical expression (once, then cached by the web app) and
/// evaluating a parsed schedule at an instant. Run: dotnet run -c Release --project bench/Reperes.OpeningHours.Benchmarks
/// </summary>
[MemoryDiagnoser]
public class OpeningHoursBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(1));
    private OpeningHoursSchedule schedule = null!;
    private int step;

    [Params(
        "Mo-Fr 09:00-12:00,14:00-17:30; PH off",
        "Mo-Fr 08:00-20:00; Sa 09:00-13:00; Su,PH off; Aug 10-20 off",
        "week 1-53/2 Mo-Fr 09:00-12:00; Dec 24-Jan 02 off; Fr[-1] 14:00-17:00")]
    public string Expression { get; set; } = "";

    [GlobalSetup]
    public void Setup() => schedule = OpeningHoursSchedule.Parse(Expression);

    [Benchmark]
    public OpeningHoursSchedule Parse() => OpeningHoursSchedule.Parse(Expression);

    /// <summary>A different instant each call (17 minutes apart), as requests come.</summary>
    [Benchmark]
    public OpeningStatus GetState() => schedule.GetState(Start.AddMinutes((step = (step + 1) % 50_000) * 17)).Status;
}
