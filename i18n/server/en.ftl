# The server's own words, in English, the reference for the other files of
# i18n/server/: encart's e-mails (answers, address confirmation, the
# moderators' digest), their link pages, and the moderation pages (/admin).
# The same syntax as i18n/en.ftl; $count, $shown and $seconds are numbers,
# every other variable text ($comment and $ban are numbers already written,
# without grouping). The plural rules and numbers are each language's
# i18n/<tag>.ftl's. `cargo build` checks every file (server/build.rs).

confirm-subject = Confirm your address to be told of answers
confirm-line = You asked to be told of answers to your comment on “{ $title }”.
confirm-button = Confirm my address
confirm-after = Without confirmation, we forget this address in 7 days. If you asked for nothing, ignore this message.
answers-subject = { $count ->
    [one] { $author } answered your comment on “{ $title }”
   *[other] { $count } new answers to your comment on “{ $title }”
}
wrote = wrote
read-answer = Read the answer
more-answers = More answers await you in the discussion.
stop-thread = Stop answers from this discussion
stop-all = Receive no e-mail at all
colon = :
digest-subject = { $count ->
    [one] Moderation: { $count } comment awaiting a decision
   *[other] Moderation: { $count } comments awaiting a decision
}
digest-line = { $count ->
    [one] { $count } comment on { $origin } and the other sites awaits a decision (held or reported).
   *[other] { $count } comments on { $origin } and the other sites await a decision (held or reported).
}
digest-link = Open the moderation queue
link-invalid = This link is not valid.
confirm-title = Confirm your address to be told of answers to your comments.
confirm = Confirm
confirmed = Address confirmed: you will be told of answers.
stopped-thread = You will no longer receive answers in this discussion.
stopped-all = You will no longer receive any e-mail from us.

## The moderation pages (/admin), in the moderator's browser's language.
admin-heading = encart moderation
admin-sign-in = Sign in
admin-name = Name
admin-password = Password
admin-stale-form = This form had expired or did not come from this site: sign in again.
admin-too-many = { $seconds ->
    [one] Too many attempts. Try again in { $seconds } second.
   *[other] Too many attempts. Try again in { $seconds } seconds.
}
admin-busy = The server is busy. Try again in a few seconds.
admin-wrong = Wrong name or password.
admin-moderation = Moderation
admin-signed-in-as = Signed in as { $moderator }
admin-sign-out = Sign out
admin-awaiting = { $count } awaiting a decision
admin-awaiting-shown = { $count } awaiting a decision (the oldest { $shown } below)
admin-with-ticked = With the ticked comments
admin-approve = Approve
admin-reject = Reject
admin-spam = Spam
admin-delete = Delete
admin-nothing-awaits = Nothing awaits a decision.
admin-bans = Bans in force
admin-ban-which = Ban the author of comment #
admin-next = Next
admin-no-ban = No ban is in force.
admin-picks = Newsroom picks
admin-picks-line = Up to { $count } published comments per article, shown above its thread.
admin-feature-which = Feature comment #
admin-feature = Feature
admin-no-pick = No comment is featured.
admin-failed = Webhook deliveries given up on
admin-queued = Queued (UTC)
admin-event = Event
admin-webhook = Webhook
admin-attempts = Attempts
admin-last-error = Last error
admin-recent = Recent actions
admin-when = When (UTC)
admin-who = Who
admin-did = Did
admin-comment = Comment
admin-article = Article
admin-held = Held for pre-moderation
admin-edited = Edited by its author: Approve publishes the new text, Reject keeps the published one
admin-reported = { $count ->
    [one] Published, reported once ({ $reason })
   *[other] Published, reported { $count } times ({ $reason })
}
admin-in-reply-to = In reply to { $author }
admin-select = Select comment #{ $comment } by { $author }
admin-signed-in = signed in
admin-on-article = #{ $comment } on “{ $title }”
admin-new-text = New text:
admin-ban-author = Ban the author…
admin-ban-author-of = Ban the author of #{ $comment }
admin-pick = #{ $comment } by { $author } on “{ $title }”
admin-unfeature = Unfeature
admin-unfeature-which = Unfeature #{ $comment }
admin-banned-account = { $author } (signed in on { $site })
admin-banned-erased = A reader of { $site } who erased their data
admin-banned-address = Anonymous posts from the address of comment #{ $comment }
admin-ban-forever = for good
admin-ban-until = until { $date }
admin-ban-by = by { $moderator } on { $date }
admin-lift = Lift
admin-lift-which = Lift ban { $ban }
admin-ban = Ban
admin-no-comment = No such comment (or it was deleted).
admin-back = Back to moderation
admin-whom-account = { $author }, signed in on { $site }: their account is banned, wherever they post from.
admin-whom-address = { $author }, anonymous: posts without sign-in from the address this comment came from are refused.
admin-whom-nothing = An anonymous reader whose address is no longer kept: nothing can be banned.
admin-for-good = For good
admin-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
admin-reason = Reason (kept in the record)
admin-how-long = How long
admin-on = On “{ $title }” · { $date }
admin-approved = { $count ->
    [one] { $count } comment approved.
   *[other] { $count } comments approved.
}
admin-rejected = { $count ->
    [one] { $count } comment rejected.
   *[other] { $count } comments rejected.
}
admin-marked-spam = { $count ->
    [one] { $count } comment marked as spam.
   *[other] { $count } comments marked as spam.
}
admin-deleted = { $count ->
    [one] { $count } comment deleted.
   *[other] { $count } comments deleted.
}
admin-now-banned = The author is banned: their posts are refused.
admin-no-address = Nothing was banned: the comment is anonymous and its address is no longer kept.
admin-lifted = The ban is lifted.
admin-not-in-force = That ban was no longer in force.
admin-featured = The comment is featured above its article's thread.
admin-unfeatured = The comment is no longer featured.
admin-not-published = Nothing was featured: no published comment has that number.
admin-picks-full = Nothing was featured: its article has { $count } picks already; unfeature one first.
admin-none-ticked = Nothing was decided: tick at least one comment first.
## The log's actions.
did-approve = approved
did-reject = rejected
did-spam = marked as spam
did-delete = deleted
did-ban = { $count ->
    [one] banned for { $count } day
   *[other] banned for { $count } days
}
did-ban-forever = banned for good
did-lift = lifted a ban
did-feature = featured
did-unfeature = unfeatured
did-sign-in = signed in
did-sign-out = signed out
