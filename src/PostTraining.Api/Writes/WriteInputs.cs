using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PostTraining.Api.Writes;

// The writable representations are the content contract's records (PostTraining.Data.Content: ParadigmContent,
// TechniqueContent, ReferenceContent, RelationshipContent, ReferenceLinkContent): what POST and PUT take, what PATCH
// merges into, and what the change feed records as "before" and "after". Only bodies that are no entity's content
// live here.

/// <summary>Changes what a linked reference is to the technique (PUT on the link).</summary>
public sealed record TechniqueReferenceRoleInput(
    [property: Description("introduces, defines, describes or uses."), AllowedValues("introduces", "defines", "describes", "uses")] string? Role);
