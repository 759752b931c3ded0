# encart's words in Chinese (simplified characters). The messages and their variables are those of
# en.ftl (see there for the syntax); `cargo build` checks it.

## How the language counts and writes numbers, from CLDR
## (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html,
## the rules for whole numbers; "other" is what no rule gives).

-number-group = ,
-number-min-grouping = 1

## The widget.

loading = 正在加载文章…
by = 作者：
read-on-its-page = 在原页面阅读文章
retry = 重试
error-network = 无法连接服务器，请检查网络连接。
error-timeout = 服务器响应时间过长。
error-not-found = 找不到这篇文章。
error-server = 服务器出错了。
error-malformed = 服务器返回了意外的响应。
error-too-large = 评论太长，无法发送。
error-rate-limited = 评论太频繁了，请几秒后再试。
loading-comments = 正在加载评论…
load-more = 显示更多评论
reply = 回复
cancel = 取消
leave-comment = 发表评论
name-label = 昵称
comment-label = 评论
honeypot-label = 请勿填写此栏
post = 发表
posting = 正在发送…
sending = 发送中
awaiting-moderation = 等待审核：仅你可见
posted = 谢谢，你的评论已发布。
post-failed = 评论未能发送，你的文字已保留。
commenting-unavailable = 无法从此页面发送评论。
author-required = 请填写昵称。
author-too-long = 昵称不能超过 80 个字符。
body-required = 请填写评论内容。
body-too-long = 评论不能超过 5,000 个字符。
control-characters = 文字包含不允许的字符。
notify = 有人回复时发邮件通知我
email-label = 你的邮箱（不会公开；我们会发送确认链接）
email-required = 请填写接收通知的邮箱地址。
email-invalid = 邮箱地址无效。
text-size = 字号
text-smaller = 缩小字号
text-normal = 标准字号
text-larger = 放大字号
theme = 主题
theme-auto = 自动
theme-light = 浅色
theme-dark = 深色
theme-sepia = 护眼
delete = 删除
confirm-delete = 确定永久删除这条评论？
yes-delete = 确定删除
deleting = 正在删除…
report = 举报
edit = 编辑
edited = 已编辑
edit-label = 你的评论
save = 保存
edit-waits = 你的修改将在审核通过后显示。
picks = 编辑精选
sort-by = 排序
sort-newest = 最新
sort-oldest = 最早
sort-recommended = 最多推荐
recommend = 推荐
report-why = 举报这条评论的原因：
reason-spam = 垃圾信息
reason-abuse = 辱骂
reason-off-topic = 离题
reason-other = 其他
reported = 已举报，谢谢：审核员会查看。
comment-deleted = 评论已删除。
commenting-as = 当前身份：
sign-in = 登录
sign-out = 退出登录
sign-in-to-comment = 登录后即可评论。
verified = 已验证账号
staff = 编辑部
error-sign-in-expired = 登录已过期：重新登录后，你的评论将自动发送。
error-sign-in-invalid = 无法验证你的登录，请刷新页面。
error-banned = 管理员已取消你在本站评论的权利。

## Counts, times and dates.

comments-heading = { $count ->
    [0] 暂无评论
   *[other] { $count } 条评论
}
new-comments = { $count } 条新评论
reading-time = 阅读约需 { $minutes } 分钟
time-now = 刚刚
time-minutes = { $minutes } 分钟前
time-hours = { $hours } 小时前
time-days = { $days } 天前
date = { NUMBER($year, useGrouping: "false") }年{ $month }月{ $day }日
exact-time = { $date } { NUMBER($hour, minimumIntegerDigits: 2) }:{ NUMBER($minute, minimumIntegerDigits: 2) } UTC

## The loader, where the widget cannot run at all.

reader-unavailable = 文章阅读器无法在此加载。
