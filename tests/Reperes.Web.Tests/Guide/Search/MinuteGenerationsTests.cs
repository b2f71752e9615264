using Reperes.Web.Guide.Search;

namespace Reperes.Web.Tests.Guide.Search;

/// <summary>The minute's values in two generations: what is asked again stays, what was asked once makes room.</summary>
public sealed class MinuteGenerationsTests
{
    private const long Minute = 29_000_000;

    [Fact]
    public void Add_BeyondHalfTheBudget_ValuesAskedAgainStayOthersGo()
    {
        var kept = new MinuteGenerations<string>(budget: 4);
        kept.Add(Minute, "a", "A", 1);
        kept.Add(Minute, "b", "B", 1);
        kept.Add(Minute, "c", "C", 1);

        kept.Find(Minute, "a").ShouldBe("A", "the previous generation is still read");
        kept.Add(Minute, "d", "D", 1);

        kept.Find(Minute, "a").ShouldBe("A", "asked again, it moved to the young generation");
        kept.Find(Minute, "c").ShouldBe("C");
        kept.Find(Minute, "d").ShouldBe("D");
        kept.Find(Minute, "b").ShouldBeNull("asked once, two generations ago");
    }

    [Fact]
    public void Add_KeyAlreadyKept_TheKeptValue()
    {
        var kept = new MinuteGenerations<string>(budget: 10);
        kept.Add(Minute, "a", "first", 1).ShouldBe("first");

        kept.Add(Minute, "a", "second", 1).ShouldBe("first");
        kept.Set(Minute, "a", "third", 1);

        kept.Find(Minute, "a").ShouldBe("third");
    }

    [Fact]
    public void Find_NewMinuteOrAfterClear_Nothing()
    {
        var kept = new MinuteGenerations<string>(budget: 10);
        kept.Add(Minute, "a", "A", 1);
        kept.Find(Minute + 1, "a").ShouldBeNull();

        kept.Add(Minute + 1, "b", "B", 1);
        kept.Clear();

        kept.Find(Minute + 1, "b").ShouldBeNull();
    }

    [Fact]
    public void Add_MinuteBeforeTheCurrent_NeitherKeptNorFound()
    {
        var kept = new MinuteGenerations<string>(budget: 10);
        kept.Add(Minute, "a", "A", 1);

        kept.Add(Minute - 1, "b", "B", 1).ShouldBe("B");

        kept.Find(Minute - 1, "a").ShouldBeNull();
        kept.Find(Minute - 1, "b").ShouldBeNull();
        kept.Find(Minute, "b").ShouldBeNull();
        kept.Find(Minute, "a").ShouldBe("A", "a clock behind does not empty the current minute");
    }

    [Fact]
    public void Remove_OtherValueKept_LeavesIt()
    {
        var kept = new MinuteGenerations<string>(budget: 10);
        kept.Add(Minute, "a", "A", 1);

        kept.Remove(Minute, "a", new string('A', 1));
        kept.Find(Minute, "a").ShouldBe("A", "an equal value is not the value kept");
        kept.Remove(Minute, "a", kept.Find(Minute, "a")!);

        kept.Find(Minute, "a").ShouldBeNull();
    }

    [Fact]
    public void Remove_ValueMovedToTheOldGenerationSinceAdded_NotFoundAgain()
    {
        var kept = new MinuteGenerations<string>(budget: 2);
        var failed = new string('F', 1);
        kept.Add(Minute, "a", failed, 1);
        kept.Add(Minute, "b", "B", 1);

        kept.Remove(Minute, "a", failed);

        kept.Find(Minute, "a").ShouldBeNull("a failed answer is not promoted back from the old generation");
        kept.Find(Minute, "b").ShouldBe("B");
    }
}
