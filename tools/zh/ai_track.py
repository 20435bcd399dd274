"""zh_CN wording of the AI track: the case view's suggestion, Open a case with the customer's words, the timeline's
notes of the model, the desk's damaged-model notice, Analytics → AI track."""

ZH_CN = {
    # the desk
    "The stored AI model %1 is damaged and not used: suggestions come from the model before it (or the one"
    " ShopDesk ships with). Train it again in Analytics → AI track; `shopdesk doctor` shows the details.": "已保存的 AI 模型 %1 已损坏，未被使用：建议改由它之前的模型（或 ShopDesk 自带的模型）给出。"
    "请在 数据分析 → AI 识别 中重新训练；`shopdesk doctor` 可查看详情。",
    "Reason set to %1. The model learns from your choice.": "原因已设为 %1。模型会从你的选择中学习。",
    "Paste what the customer wrote, e.g. 拍错了，我要的是100面值的": "粘贴客户的原话，例如：拍错了，我要的是100面值的",
    "Read from the customer's words (AI track)": "根据客户原话识别（AI 识别）",
    "The model suggests the reason; when it is not sure, the case waits for a person to pick one.": "由模型建议原因；模型把握不足时，工单等待人工选择。",
    "A note for the desk (optional)": "给客服的备注（可选）",
    "Customer's words": "客户原话",
    # the case view's suggestion
    "Reason suggested by the model: %1 (%2 sure, %3).": "模型建议的原因：%1（置信度 %2，%3）。",
    "The model is not sure enough (%1 at most): a person picks the reason.": "模型把握不足（最高置信度 %1）：请人工选择原因。",
    "The model reads %1 (%2 sure), not the reason given with the request; the given one stands.": "模型识别为 %1（置信度 %2），与请求所带原因不同；以所带原因为准。",
    "The model reads the same reason (%1 sure, %3).": "模型识别结果与所带原因一致（置信度 %1，%3）。",
    "Why: the words that weighed most: %1": "依据：权重最高的词：%1",
    "Pick the reason:": "选择原因：",
    "Not right? Pick:": "不对？改选：",
    "The case's reason now": "工单当前的原因",
    "Set this reason; the model learns from your choice": "设为此原因；模型会从你的选择中学习",
    # the timeline
    "the seed model": "内置模型",
    "model #%1": "模型 #%1",
    "Suggested by the model: %1 (%2 sure, %3)": "模型建议：%1（置信度 %2，%3）",
    "The model is unsure (at most %1: %2, %3): a person picks the reason": "模型把握不足（最高 %1：%2，%3）：由人工选择原因",
    "The model reads %1 (%2 sure, %3), not the given %4": "模型识别为 %1（置信度 %2，%3），而非所带的 %4",
    "The model reads the same reason: %1 (%2 sure, %3)": "模型识别结果一致：%1（置信度 %2，%3）",
    "Suggestion accepted: %1 → %4 (%2 sure, %3)": "采纳模型建议：%1 → %4（置信度 %2，%3）",
    "No reason yet (the model was unsure, %1): a person reads the request": "尚无原因（模型把握不足，%1）：由人工阅读请求",
    "A refund on the model's reason needs it 90% sure and a customer who is not risky (%1 sure, credit: %2):"
    " a person decides": "依据模型原因退款需置信度达 90% 且客户信用非高风险（置信度 %1，信用：%2）：由人工决定",
    "The model's reading": "模型识别",
    "Suggestion accepted": "采纳建议",
    "AI track (automatic)": "AI 识别（自动）",
    # Analytics → AI track
    "AI track": "AI 识别",
    "The AI track reads a customer's own words into a reason. Sure enough, the case takes that reason and the rule"
    " track may settle it at once; otherwise a person picks from its three best. Every choice a person makes"
    " teaches it.": "AI 识别把客户的原话读成取消原因。把握足够时，工单直接采用该原因，规则通道可立即处理；"
    "否则由人工从它给出的三个最佳建议中选择。人工的每一次选择都会让它学得更好。",
    "Retrain now": "立即重新训练",
    "Learn again from the seed corpus and the cases people confirmed": "用自带语料和人工确认过的工单重新学习",
    "Accuracy, last 30 days": "近 30 天准确率",
    "Settled alone, last 30 days": "近 30 天自动处理",
    "Model in use": "当前模型",
    "Learning": "学习",
    "%1 (%2 of %3 cases a person confirmed had the model's reason)": "%1（人工确认的 %3 个工单中有 %2 个与模型原因一致）",
    "No case with the model's reading has been confirmed by a person yet.": "还没有经人工确认的模型识别工单。",
    "%n case(s) settled by the rule track on the model's reason, no person needed": "%n 个工单由规则通道依据模型原因处理，无需人工",
    "The seed model ShopDesk ships with (%1 messages).": "ShopDesk 自带的初始模型（%1 条语料）。",
    "Model #%1, trained %2 on %3 messages; accuracy on a held-out fifth %4.": "模型 #%1，%2 训练，共 %3 条语料；留出五分之一测试的准确率 %4。",
    "A suggestion at least %1 sure becomes the case's reason. The model learns again by itself after every %2"
    " cases people confirm (%3 since the last time).": "置信度不低于 %1 的建议直接成为工单原因。每有 %2 个工单经人工确认，模型会自动重新学习（上次以来已有 %3 个）。",
    "The stored model %1 is damaged and not used: retrain to replace it.": "已保存的模型 %1 已损坏，未被使用：请重新训练以替换。",
    "Training… the desk goes on meanwhile.": "训练中……客服台照常工作。",
    "Model #%1 kept: trained on %2 messages, accuracy on a held-out fifth %3.": "已保存模型 #%1：共 %2 条语料，留出五分之一测试的准确率 %3。",
}
ZH_CN |= {
    "Confidence to take a suggestion": "采纳建议所需置信度",
    "A suggestion at least this sure becomes the case's reason; below it a person picks from the three best.": "置信度不低于此值的建议直接成为工单原因；低于此值时由人工从三个最佳建议中选择。",
    "Confirmed cases before the model learns again": "模型重新学习前需确认的工单数",
    "The model learns again in the background after this many cases people confirmed.": "每有这么多工单经人工确认，模型就在后台重新学习一次。",
}
ZH_CN |= {
    "{setting} takes a number from {low} to {high}, such as 0.85, not {got}.": "{setting} 须为 {low} 到 {high} 之间的数，例如 0.85，不能是 {got}。",
}
ZH_CN |= {"The customer wrote: “%1”": "客户原话：“%1”"}
