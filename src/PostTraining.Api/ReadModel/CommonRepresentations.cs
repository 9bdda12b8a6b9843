using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using PostTraining.Data.Content;

namespace PostTraining.Api.ReadModel;

// Response members several resources share. Every name is bilingual; a missing translation is an absent member.

/// <summary>Any entity, named and linked: the ends of a relationship, a paradigm inside a technique, ...</summary>
public sealed record NodeLink(
    [property: Description("Entity kind: paradigm, technique, reference, model, dataset, limitation, formula or application."), AllowedValues("paradigm", "technique", "reference", "model", "dataset", "limitation", "formula", "application")] string Kind,
    string Slug,
    LocalizedText? Name,
    [property: Description("Root-relative URL of the entity.")] string Url);

/// <summary>Where an entity came from.</summary>
public sealed record SourceInfo(
    [property: Description("document (the source survey), curated (our curated data) or api (written through the API)."), AllowedValues("document", "curated", "api")] string Kind,
    [property: Description("Title of the source document or name of the data file.")] string? Document,
    [property: Description("Section of the source document, or the curated entry.")] string? Section,
    [property: Description("The reference a curated fact rests on.")] NodeLink? Reference,
    [property: Description("The original form of a normalised value (e.g. a redirect-wrapped link).")] string? Original);

/// <summary>A page of a list. <c>next</c> is the absolute URL of the following page, absent on the last page.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>A relationship seen from one of its ends.</summary>
public sealed record RelationshipEnd(
    [property: Description("Relationship id.")] long Id,
    [property: Description("Relation type slug.")] string Type,
    [property: Description("How the edge reads from this end: the type's name for outgoing edges, its inverse name for incoming ones.")] LocalizedText Name,
    [property: Description("The other end, for an outgoing edge.")] NodeLink? Target,
    [property: Description("The other end, for an incoming edge.")] NodeLink? Source,
    string Url);

/// <summary>An entity's relationships in both directions.</summary>
public sealed record RelationshipsView(IReadOnlyList<RelationshipEnd> Outgoing, IReadOnlyList<RelationshipEnd> Incoming);
