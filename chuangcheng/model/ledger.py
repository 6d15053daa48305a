"""The problem ledger (问题台账): a problem found at a point, assigned to a responsible unit with a deadline, and the
events of its life — assigned (交办), being rectified (整改中), rectified and submitted (已整改), verified and closed
(复查通过 / 销号), sent back (退回), found again (复发). A problem's status at a date is its last event on or before
that date: a status is derived from the events, never stored twice.

The words offices write for a status are mapped exactly (an unknown word is a problem at ingest, never a guess);
what a status counts as in the measures is decided here once."""

# event code -> (Chinese, English): what the ledger's pages and files say
EVENTS = {
    "assigned": ("已交办", "assigned"),
    "rectifying": ("整改中", "being rectified"),
    "rectified": ("已整改", "rectified"),
    "verified": ("已销号", "verified and closed"),
    "returned": ("已退回", "sent back"),
    "reopened": ("再次发现", "found again"),
}
# A problem rectified at a date: its last event then is one of these (a problem sent back or found again is open).
RECTIFIED = ("rectified", "verified")

# What ledgers write in their status column (整改情况, 状态), in the vocabularies seen: 未整改 / 已整改 / 已提交 /
# 已评价; 镇街未处理 / 镇街已提交 / 审核已通过 / 审核未通过; 交办 → 整改中 → 已整改 → 销号 / 退回. Matched whole, after
# trimming spaces; the English words of EVENTS too.
WORDS = {
    **{word: "assigned" for word in ("未整改", "交办", "已交办", "待整改", "未处理", "镇街未处理", "assigned", "open")},
    **{word: "rectifying" for word in ("整改中", "正在整改", "rectifying", "being rectified")},
    **{
        word: "rectified" for word in ("已整改", "已提交", "镇街已提交", "整改完成", "已完成", "rectified", "submitted")
    },
    **{
        word: "verified"
        for word in (
            "已销号",
            "销号",
            "复查通过",
            "审核已通过",
            "审核通过",
            "已评价",
            "verified",
            "closed",
            "verified and closed",
        )
    },
    **{word: "returned" for word in ("退回", "已退回", "审核未通过", "复查未通过", "returned", "sent back")},
    **{word: "reopened" for word in ("复发", "再次发现", "反弹", "reopened", "found again")},
}


def event_of(word: str) -> str | None:
    """The event a ledger's status word names, or None when it names none (a problem for ingest to report)."""
    text = str(word).strip()
    return WORDS.get(text) or WORDS.get(text.lower())


def label(event: str, lang: str) -> str:
    zh, en = EVENTS[event]
    return zh if lang == "zh" else en
