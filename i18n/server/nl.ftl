# encart's server words in Dutch: its e-mails, their link pages and
# the moderation pages (/admin), which never travel to the widget.
# The messages and their variables are those of server/en.ftl; the language's plural rules and numbers are ../nl.ftl's.

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

## De moderatiepagina's (/admin).
admin-heading = encart-moderatie
admin-sign-in = Inloggen
admin-name = Naam
admin-password = Wachtwoord
admin-stale-form = Dit formulier was verlopen of kwam niet van deze site: log opnieuw in.
admin-too-many = { $seconds ->
    [one] Te veel pogingen. Probeer het over { $seconds } seconde opnieuw.
   *[other] Te veel pogingen. Probeer het over { $seconds } seconden opnieuw.
}
admin-busy = De server is bezet. Probeer het over enkele seconden opnieuw.
admin-wrong = Verkeerde naam of wachtwoord.
admin-moderation = Moderatie
admin-signed-in-as = Ingelogd als { $moderator }
admin-sign-out = Uitloggen
admin-awaiting = { $count } wachten op een beslissing
admin-awaiting-shown = { $count } wachten op een beslissing (de oudste { $shown } hieronder)
admin-with-ticked = Met de aangevinkte reacties
admin-approve = Goedkeuren
admin-reject = Afwijzen
admin-spam = Spam
admin-delete = Verwijderen
admin-nothing-awaits = Niets wacht op een beslissing.
admin-bans = Geldende blokkeringen
admin-ban-which = Blokkeer de auteur van reactie nr.
admin-next = Volgende
admin-no-ban = Er geldt geen blokkering.
admin-picks = Keuzes van de redactie
admin-picks-line = Tot { $count } gepubliceerde reacties per artikel, getoond boven de discussie.
admin-feature-which = Reactie nr. uitlichten
admin-feature = Uitlichten
admin-no-pick = Er is geen reactie uitgelicht.
admin-failed = Opgegeven webhook-leveringen
admin-queued = In de wachtrij (UTC)
admin-event = Gebeurtenis
admin-webhook = Webhook
admin-attempts = Pogingen
admin-last-error = Laatste fout
admin-recent = Recente acties
admin-when = Wanneer (UTC)
admin-who = Wie
admin-did = Actie
admin-comment = Reactie
admin-article = Artikel
admin-held = Tegengehouden voor voorafgaande moderatie
admin-edited = Bewerkt door de auteur: Goedkeuren publiceert de nieuwe tekst, Afwijzen houdt de gepubliceerde
admin-reported = { $count ->
    [one] Gepubliceerd, één keer gemeld ({ $reason })
   *[other] Gepubliceerd, { $count } keer gemeld ({ $reason })
}
admin-in-reply-to = Antwoord op { $author }
admin-select = Reactie nr. { $comment } van { $author } selecteren
admin-signed-in = ingelogd
admin-on-article = Nr. { $comment } bij ‘{ $title }’
admin-new-text = Nieuwe tekst:
admin-ban-author = Auteur blokkeren…
admin-ban-author-of = Auteur van nr. { $comment } blokkeren
admin-pick = Nr. { $comment } van { $author } bij ‘{ $title }’
admin-unfeature = Niet meer uitlichten
admin-unfeature-which = Nr. { $comment } niet meer uitlichten
admin-banned-account = { $author } (ingelogd op { $site })
admin-banned-erased = Een lezer van { $site } die zijn gegevens heeft gewist
admin-banned-address = Anonieme berichten vanaf het adres van reactie nr. { $comment }
admin-ban-forever = voorgoed
admin-ban-until = tot { $date }
admin-ban-by = door { $moderator } op { $date }
admin-lift = Opheffen
admin-lift-which = Blokkering { $ban } opheffen
admin-ban = Blokkeren
admin-no-comment = Die reactie bestaat niet (of is verwijderd).
admin-back = Terug naar de moderatie
admin-whom-account = { $author }, ingelogd op { $site }: het account wordt geblokkeerd, waar ook vandaan geschreven wordt.
admin-whom-address = { $author }, anoniem: berichten zonder inloggen vanaf het adres waar deze reactie vandaan kwam, worden geweigerd.
admin-whom-nothing = Een anonieme lezer wiens adres niet meer bewaard wordt: er kan niets geblokkeerd worden.
admin-for-good = Voorgoed
admin-days = { $count ->
    [one] { $count } dag
   *[other] { $count } dagen
}
admin-reason = Reden (blijft in het register)
admin-how-long = Hoe lang
admin-on = Bij ‘{ $title }’ · { $date }
admin-approved = { $count ->
    [one] { $count } reactie goedgekeurd.
   *[other] { $count } reacties goedgekeurd.
}
admin-rejected = { $count ->
    [one] { $count } reactie afgewezen.
   *[other] { $count } reacties afgewezen.
}
admin-marked-spam = { $count ->
    [one] { $count } reactie als spam gemarkeerd.
   *[other] { $count } reacties als spam gemarkeerd.
}
admin-deleted = { $count ->
    [one] { $count } reactie verwijderd.
   *[other] { $count } reacties verwijderd.
}
admin-now-banned = De auteur is geblokkeerd: zijn berichten worden geweigerd.
admin-no-address = Er is niets geblokkeerd: de reactie is anoniem en het adres wordt niet meer bewaard.
admin-lifted = De blokkering is opgeheven.
admin-not-in-force = Die blokkering gold niet meer.
admin-featured = De reactie wordt boven de discussie van het artikel uitgelicht.
admin-unfeatured = De reactie wordt niet meer uitgelicht.
admin-not-published = Er is niets uitgelicht: geen gepubliceerde reactie heeft dat nummer.
admin-picks-full = Er is niets uitgelicht: het artikel heeft al { $count } keuzes; haal er eerst een weg.
admin-none-ticked = Er is niets beslist: vink eerst minstens één reactie aan.
## De acties in het register.
did-approve = keurde goed
did-reject = wees af
did-spam = markeerde als spam
did-delete = verwijderde
did-ban = { $count ->
    [one] blokkeerde voor { $count } dag
   *[other] blokkeerde voor { $count } dagen
}
did-ban-forever = blokkeerde voorgoed
did-lift = hief een blokkering op
did-feature = lichtte uit
did-unfeature = lichtte niet meer uit
did-sign-in = logde in
did-sign-out = logde uit
