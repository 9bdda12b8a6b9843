namespace PostTraining.Bench.Generator;

/// <summary>
/// Vocabulary for synthetic names, English with its Chinese counterpart, so search in both languages finds the
/// generated techniques the way it finds real ones (偏好 "preference" is one of the words).
/// </summary>
internal static class Words
{
    public static readonly (string En, string Zh)[] Modifiers =
    [
        ("Direct", "直接"), ("Adaptive", "自适应"), ("Sparse", "稀疏"), ("Contrastive", "对比"), ("Group", "群组"),
        ("Relative", "相对"), ("Iterative", "迭代"), ("Online", "在线"), ("Offline", "离线"), ("Hierarchical", "分层"),
        ("Robust", "鲁棒"), ("Efficient", "高效"), ("Low-Rank", "低秩"), ("Quantized", "量化"), ("Multi-Task", "多任务"),
        ("Self-Supervised", "自监督"), ("Curriculum", "课程"), ("Conservative", "保守"), ("Regularized", "正则化"), ("Token-Level", "词元级"),
    ];

    public static readonly (string En, string Zh)[] Subjects =
    [
        ("Preference", "偏好"), ("Policy", "策略"), ("Reward", "奖励"), ("Reasoning", "推理"), ("Instruction", "指令"),
        ("Feedback", "反馈"), ("Value", "价值"), ("Knowledge", "知识"), ("Adapter", "适配器"), ("Prompt", "提示"),
        ("Dialogue", "对话"), ("Safety", "安全"), ("Domain", "领域"), ("Expert", "专家"), ("Weight", "权重"),
    ];

    public static readonly (string En, string Zh)[] Actions =
    [
        ("Optimization", "优化"), ("Fine-Tuning", "微调"), ("Alignment", "对齐"), ("Distillation", "蒸馏"), ("Merging", "合并"),
        ("Pruning", "剪枝"), ("Modeling", "建模"), ("Learning", "学习"), ("Sampling", "采样"), ("Search", "搜索"),
    ];

    public static readonly string[] Surnames =
    [
        "Chen", "Wang", "Li", "Zhang", "Liu", "Smith", "Garcia", "Müller", "Rossi", "Kim", "Nguyen", "Patel", "Silva", "Ivanova", "Tanaka",
    ];

    public static readonly string[] Venues = ["NeurIPS", "ICML", "ICLR", "ACL", "EMNLP", "NAACL", "AAAI", "arXiv preprint", "TMLR", "COLM"];
}
