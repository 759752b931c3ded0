# encart's e-mails and their link pages in Dutch: the server's words, which
# never travel to the widget. The messages and their variables are those of
# mail/en.ftl; the language's plural rules and numbers are ../nl.ftl's.

confirm-subject = Bevestig je adres om antwoorden te ontvangen
confirm-line = Je vroeg om bericht bij antwoorden op je reactie bij ‘{ $title }’.
confirm-button = Mijn adres bevestigen
confirm-after = Zonder bevestiging vergeten we dit adres over 7 dagen. Heb je niets gevraagd, negeer dan dit bericht.
answers-subject = { $count ->
    [one] { $author } antwoordde op je reactie bij ‘{ $title }’
   *[other] { $count } nieuwe antwoorden op je reactie bij ‘{ $title }’
}
wrote = schreef
read-answer = Lees het antwoord
more-answers = Er wachten meer antwoorden op je in de discussie.
stop-thread = Geen antwoorden meer uit deze discussie
stop-all = Helemaal geen e-mail meer ontvangen
colon = :
digest-subject = { $count ->
    [one] Moderatie: { $count } reactie wacht op een beslissing
   *[other] Moderatie: { $count } reacties wachten op een beslissing
}
digest-line = { $count ->
    [one] { $count } reactie op { $origin } en de andere sites wacht op een beslissing (tegengehouden of gemeld).
   *[other] { $count } reacties op { $origin } en de andere sites wachten op een beslissing (tegengehouden of gemeld).
}
digest-link = Open de moderatiewachtrij
link-invalid = Deze link is niet geldig.
confirm-title = Bevestig je adres om bericht te krijgen bij antwoorden op je reacties.
confirm = Bevestigen
confirmed = Adres bevestigd: je krijgt bericht bij antwoorden.
stopped-thread = Je ontvangt geen antwoorden meer uit deze discussie.
stopped-all = Je ontvangt geen e-mail meer van ons.
