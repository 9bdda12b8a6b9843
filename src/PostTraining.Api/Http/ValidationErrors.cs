namespace PostTraining.Api.Http;

/// <summary>Collects problems per member (the keys of a validation problem's <c>errors</c>).</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    public void Add(string member, string message)
    {
        var key = member.Length == 0 ? "$" : member;
        if (!_errors.TryGetValue(key, out var list))
        {
            _errors[key] = list = [];
        }

        list.Add(message);
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
