// Two folders of a made-up feature pair for the architecture tests: Caller uses an internal type of Owner, which the
// feature-internals rule must catch.
namespace PostTraining.Api.Tests.Architecture.Fixture.Owner
{
    internal sealed class Internal
    {
        public static int Value => 1;
    }
}

namespace PostTraining.Api.Tests.Architecture.Fixture.Caller
{
    public static class UsesAnInternal
    {
        public static int Read() => Owner.Internal.Value;
    }
}
