# encart's e-mails and their link pages in German: the server's words, which
# never travel to the widget. The messages and their variables are those of
# mail/en.ftl; the language's plural rules and numbers are ../de.ftl's.

confirm-subject = Bestätigen Sie Ihre Adresse, um über Antworten informiert zu werden
confirm-line = Sie möchten über Antworten auf Ihren Kommentar zu „{ $title }“ informiert werden.
confirm-button = Meine Adresse bestätigen
confirm-after = Ohne Bestätigung vergessen wir diese Adresse in 7 Tagen. Wenn Sie nichts angefordert haben, ignorieren Sie diese Nachricht.
answers-subject = { $count ->
    [one] { $author } hat auf Ihren Kommentar zu „{ $title }“ geantwortet
   *[other] { $count } neue Antworten auf Ihren Kommentar zu „{ $title }“
}
wrote = schrieb
read-answer = Antwort lesen
more-answers = Weitere Antworten warten in der Diskussion auf Sie.
stop-thread = Keine Antworten aus dieser Diskussion mehr
stop-all = Keine E-Mails mehr erhalten
colon = :
digest-subject = { $count ->
    [one] Moderation: { $count } Kommentar wartet auf eine Entscheidung
   *[other] Moderation: { $count } Kommentare warten auf eine Entscheidung
}
digest-line = { $count ->
    [one] { $count } Kommentar auf { $origin } und den anderen Websites wartet auf eine Entscheidung (zurückgehalten oder gemeldet).
   *[other] { $count } Kommentare auf { $origin } und den anderen Websites warten auf eine Entscheidung (zurückgehalten oder gemeldet).
}
digest-link = Moderationswarteschlange öffnen
link-invalid = Dieser Link ist ungültig.
confirm-title = Bestätigen Sie Ihre Adresse, um über Antworten auf Ihre Kommentare informiert zu werden.
confirm = Bestätigen
confirmed = Adresse bestätigt: Sie werden über Antworten informiert.
stopped-thread = Sie erhalten keine Antworten aus dieser Diskussion mehr.
stopped-all = Sie erhalten keine E-Mails mehr von uns.
