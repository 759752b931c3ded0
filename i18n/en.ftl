# encart's words in English, the reference: the code shows these messages,
# and every other language's file (i18n/<tag>.ftl, its BCP 47 tag) has each
# of them, with the same variables. Fluent syntax
# (https://projectfluent.org/fluent/guide/): text, variables ($count),
# selectors on a number ([0], [1]…) or on its CLDR plural category
# ([zero] [one] [two] [few] [many], and *[other], the default),
# NUMBER($x, useGrouping: "false") and NUMBER($x, minimumIntegerDigits: 2).
# `cargo build` checks every file against this one (i18n/compile.rs).

## How the language counts and writes numbers, from CLDR
## (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html,
## the rules for whole numbers; "other" is what no rule gives), the
## separator of thousands, the digits a number needs before its thousands
## are grouped (1: 1,000; 2: 1000 but 10,000), and, optionally, the
## language's own digits (-number-digits = ٠١٢٣٤٥٦٧٨٩). A browser test checks
## these against the browser's CLDR data (Intl.PluralRules, Intl.NumberFormat).

-plural-one = i = 1 and v = 0
-number-group = ,
-number-min-grouping = 1

## The widget.

loading = Loading the article…
by = By
read-on-its-page = Read the article on its page
retry = Try again
error-network = Could not reach the server. Check your connection.
error-timeout = The server is taking too long to answer.
error-not-found = This article could not be found.
error-server = The server ran into an error.
error-malformed = The server sent an unexpected response.
error-too-large = This comment is too long to be sent.
error-rate-limited = You are commenting a little fast: try again in a few seconds.
loading-comments = Loading the comments…
load-more = Show more comments
reply = Reply
cancel = Cancel
leave-comment = Leave a comment
name-label = Name
comment-label = Comment
honeypot-label = Leave this field empty
post = Post comment
posting = Posting…
sending = sending
awaiting-moderation = awaiting moderation: only you can see it
posted = Thank you, your comment is published.
post-failed = Your comment was not sent; your text is kept.
commenting-unavailable = Comments cannot be sent from this page.
author-required = Please enter your name.
author-too-long = Your name must be at most 80 characters long.
body-required = Please write your comment.
body-too-long = Your comment must be at most 5,000 characters long.
control-characters = This text contains characters that are not allowed.
notify = Tell me by e-mail when someone answers
email-label = Your e-mail (never shown; we send you a link to confirm it)
email-required = Please enter the address to tell you at.
email-invalid = This address is not valid.
text-size = Text size
text-smaller = Smaller text
text-normal = Normal text
text-larger = Larger text
theme = Theme
theme-auto = Auto
theme-light = Light
theme-dark = Dark
theme-sepia = Sepia
delete = Delete
confirm-delete = Delete this comment for good?
yes-delete = Yes, delete
deleting = Deleting…
report = Report
edit = Edit
edited = edited
edit-label = Your comment
save = Save
edit-waits = Your edit will show once a moderator approves it.
picks = Newsroom picks
sort-by = Sort
sort-newest = Newest
sort-oldest = Oldest
sort-recommended = Most recommended
recommend = Recommend
report-why = Report this comment as:
reason-spam = Spam
reason-abuse = Abusive
reason-off-topic = Off topic
reason-other = Other
reported = Reported, thank you: a moderator will review it.
comment-deleted = Comment deleted.
commenting-as = Commenting as
sign-in = Sign in
sign-out = Sign out
sign-in-to-comment = Sign in to comment.
verified = Verified account
staff = Newsroom
error-sign-in-expired = Your session has expired: sign in again and your comment will be sent.
error-sign-in-invalid = Your sign-in could not be verified. Reload the page.
error-banned = The moderators have withdrawn your right to comment on this site.

## Counts, times and dates.

comments-heading = { $count ->
    [0] No comments yet
    [one] { $count } comment
   *[other] { $count } comments
}
new-comments = { $count ->
    [one] { $count } new comment
   *[other] { $count } new comments
}
reading-time = { $minutes } min read
time-now = just now
time-minutes = { $minutes } min ago
time-hours = { $hours } h ago
time-days = { $days } d ago
date = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $day }, { NUMBER($year, useGrouping: "false") }
# $date is the date as `date` writes it; the time is in UTC.
exact-time = { $date }, { NUMBER($hour, minimumIntegerDigits: 2) }:{ NUMBER($minute, minimumIntegerDigits: 2) } UTC

## The loader, where the widget cannot run at all.

reader-unavailable = The article reader could not load here.
