namespace PostTraining.Api.Comparisons;

public static class ComparisonWrites
{
    public static IEndpointRouteBuilder MapComparisonWrites(this IEndpointRouteBuilder app) => app;
}
