using PostTraining.Api.ReadModel;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Tests.ReadModel;

/// <summary>A small taxonomy built from in-memory rows, shaped like the real data, for unit tests of the pure logic.</summary>
internal static class SampleTaxonomy
{
    public const int BuildsOn = 1, VariantOf = 2, AlternativeTo = 3, Uses = 4;

    public static TaxonomySnapshot Build(Action<List<NodeRow>, List<RelationshipRow>>? change = null)
    {
        var nodes = new List<NodeRow>
        {
            Paradigm(1, "alignment", "Alignment", "对齐", 2),
            Paradigm(2, "reasoning", "Reasoning", "推理", 3),
            Paradigm(3, "efficiency", "Efficiency", "效率", 4),
            Technique(10, "rlhf", 1, null, "Reinforcement Learning from Human Feedback", "人类反馈强化学习", "RLHF", 2022),
            Technique(11, "ppo", 1, 10, "Proximal Policy Optimization", "近端策略优化", "PPO", 2017, method: true),
            Technique(12, "dpo", 1, null, "Direct Preference Optimization", "直接偏好优化", "DPO", 2023),
            Technique(13, "simpo", 1, 12, "Simple Preference Optimization", "简单偏好优化", "SimPO", 2024, method: true),
            Technique(14, "reinforcement-learning-for-reasoning", 2, null, "Reinforcement Learning for Reasoning", "推理强化学习", null, null),
            Technique(15, "grpo", 2, 14, "Group Relative Policy Optimization", "组相对策略优化", "GRPO", 2024, method: true),
            Technique(16, "peft", 3, null, "Parameter-Efficient Fine-Tuning", "参数高效微调", "PEFT", null),
            Technique(17, "reparameterized-peft", 3, 16, "Reparameterized PEFT", "重参数化微调", null, null),
            Technique(18, "lora", 3, 17, "Low-Rank Adaptation", "低秩适配", "LoRA", 2021, method: true),
            Technique(19, "qlora", 3, 17, "Quantized Low-Rank Adaptation", "量化低秩适配", "QLoRA", 2023, method: true),
            new NodeRow
            {
                Id = 30, Kind = NodeKind.Reference, Slug = "arxiv-2305-18290", NameEn = "Direct Preference Optimization: Your Language Model is Secretly a Reward Model",
                Authors = ["Rafael Rafailov", "Archit Sharma"], Year = 2023, Venue = "NeurIPS 2023", ArxivId = "2305.18290",
                Url = "https://arxiv.org/abs/2305.18290",
            },
            new NodeRow
            {
                Id = 31, Kind = NodeKind.Reference, Slug = "arxiv-2106-09685", NameEn = "LoRA: Low-Rank Adaptation of Large Language Models",
                Authors = ["Edward J. Hu"], Year = 2021, ArxivId = "2106.09685", Url = "https://arxiv.org/abs/2106.09685",
            },
            new NodeRow
            {
                Id = 40, Kind = NodeKind.Formula, Slug = "dpo-objective", NameEn = "DPO objective", NameZh = "DPO 目标", TechniqueId = 12,
                Latex = @"\mathcal{L}_{DPO}", Symbols = [new SymbolRow(@"\beta", "temperature", "温度")],
            },
        };
        var relationships = new List<RelationshipRow>
        {
            Edge(100, AlternativeTo, 12, 10),
            Edge(101, BuildsOn, 12, 10),
            Edge(102, Uses, 10, 11),
            Edge(103, VariantOf, 15, 11),
            Edge(104, VariantOf, 13, 12),
            Edge(105, BuildsOn, 19, 18),
        };
        change?.Invoke(nodes, relationships);
        var types = new List<RelationTypeRow>
        {
            Type(BuildsOn, "builds-on", "builds on", "is a foundation of", prerequisite: true),
            Type(VariantOf, "variant-of", "variant of", "has variant", prerequisite: true),
            Type(AlternativeTo, "alternative-to", "alternative to", "alternative to", symmetric: true),
            Type(Uses, "uses", "uses", "is used by"),
        };
        var links = new List<TechniqueReferenceRow>
        {
            new(12, 30, ReferenceRole.Introduces),
            new(18, 31, ReferenceRole.Introduces),
        };
        return TaxonomySnapshot.Build(new SnapshotSource(nodes, links, types, relationships));
    }

    public static NodeRow Paradigm(long id, string slug, string en, string zh, int position) =>
        new() { Id = id, Kind = NodeKind.Paradigm, Slug = slug, NameEn = en, NameZh = zh, Position = position };

    public static NodeRow Technique(long id, string slug, long paradigm, long? parent, string en, string? zh, string? abbreviation, int? year, bool method = false) =>
        new()
        {
            Id = id, Kind = NodeKind.Technique, Slug = slug, ParadigmId = paradigm, ParentId = parent, NameEn = en, NameZh = zh,
            Abbreviation = abbreviation, Year = year, TechniqueKind = method ? TechniqueKind.Method : TechniqueKind.Technique,
        };

    public static RelationshipRow Edge(long id, int type, long source, long target) =>
        new() { Id = id, TypeId = type, SourceId = source, TargetId = target };

    private static RelationTypeRow Type(int id, string slug, string name, string inverse, bool prerequisite = false, bool symmetric = false) =>
        new() { Id = id, Slug = slug, NameEn = name, NameZh = name, InverseNameEn = inverse, InverseNameZh = inverse, Prerequisite = prerequisite, Symmetric = symmetric };
}
