# encart's e-mails (answers, address confirmation, the moderators' digest)
# and their link pages, in English, the reference for the other files of
# i18n/mail/: the same syntax as i18n/en.ftl; $title, $author and $origin are
# text, $count a number. The plural rules and numbers are each language's
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
