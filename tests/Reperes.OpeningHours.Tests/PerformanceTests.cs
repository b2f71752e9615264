using System.Diagnostics;
using Xunit.Abstractions;
using static Reperes.OpeningHours.Tests.TestTime;

namespace Reperes.OpeningHours.Tests;

/// <summary>Coarse guard on evaluation cost; the bound is loose so that slow CI machines do not fail it.</summary>
public sealed class PerformanceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Mo-Fr 09:00-12:00,14:00-17:30; PH off")]
    [InlineData("Mo-Fr 08:00-20:00; Sa 09:00-13:00; Su,PH off; Aug 10-20 off")]
    [InlineData("week 1-53/2 Mo-Fr 09:00-12:00; Dec 24-Jan 02 off; Fr[-1] 14:00-17:00")]
    public void GetState_CachedSchedule_CostsMicroseconds(string value)
    {
        var schedule = OpeningHoursSchedule.Parse(value);
        var start = At("2026-01-01T00:00:00+01:00");
        const int Warmup = 2_000;
        const int Iterations = 50_000;
        var open = 0;
        for (var i = 0; i < Warmup; i++)
        {
            open += schedule.GetState(start.AddMinutes(i * 17)).Status == OpeningStatus.Open ? 1 : 0;
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Iterations; i++)
        {
            open += schedule.GetState(start.AddMinutes(i * 17)).Status == OpeningStatus.Open ? 1 : 0;
        }

        watch.Stop();
        var microseconds = watch.Elapsed.TotalMicroseconds / Iterations;
        output.WriteLine($"{value}: {microseconds:F2} µs per GetState ({open} open samples)");
        microseconds.ShouldBeLessThan(50);
    }

    [Fact]
    public void Parse_TypicalValue_CostsLittle()
    {
        const string Value = "Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off";
        OpeningHoursSchedule.Parse(Value);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 5_000; i++)
        {
            OpeningHoursSchedule.Parse(Value);
        }

        var microseconds = watch.Elapsed.TotalMicroseconds / 5_000;
        output.WriteLine($"Parse: {microseconds:F2} µs");
        microseconds.ShouldBeLessThan(500);
    }
}
