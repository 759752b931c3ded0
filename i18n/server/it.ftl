# encart's server words in Italian: its e-mails, their link pages and
# the moderation pages (/admin), which never travel to the widget.
# The messages and their variables are those of server/en.ftl; the language's plural rules and numbers are ../it.ftl's.

confirm-subject = Conferma il tuo indirizzo per essere avvisato delle risposte
confirm-line = Hai chiesto di essere avvisato delle risposte al tuo commento su «{ $title }».
confirm-button = Conferma il mio indirizzo
confirm-after = Senza conferma, dimenticheremo questo indirizzo tra 7 giorni. Se non hai chiesto nulla, ignora questo messaggio.
answers-subject = { $count ->
    [one] { $author } ha risposto al tuo commento su «{ $title }»
   *[other] { $count } nuove risposte al tuo commento su «{ $title }»
}
wrote = ha scritto
read-answer = Leggi la risposta
more-answers = Altre risposte ti aspettano nella discussione.
stop-thread = Non ricevere più le risposte di questa discussione
stop-all = Non ricevere più nessuna e-mail
colon = :
digest-subject = { $count ->
    [one] Moderazione: { $count } commento in attesa di decisione
   *[other] Moderazione: { $count } commenti in attesa di decisione
}
digest-line = { $count ->
    [one] { $count } commento su { $origin } e sugli altri siti attende una decisione (trattenuto o segnalato).
   *[other] { $count } commenti su { $origin } e sugli altri siti attendono una decisione (trattenuti o segnalati).
}
digest-link = Apri la coda di moderazione
link-invalid = Questo link non è valido.
confirm-title = Conferma il tuo indirizzo per essere avvisato delle risposte ai tuoi commenti.
confirm = Conferma
confirmed = Indirizzo confermato: sarai avvisato delle risposte.
stopped-thread = Non riceverai più le risposte di questa discussione.
stopped-all = Non riceverai più nessuna e-mail da noi.

## Le pagine di moderazione (/admin).
admin-heading = Moderazione encart
admin-sign-in = Accedi
admin-name = Nome
admin-password = Password
admin-stale-form = Questo modulo era scaduto o non proveniva da questo sito: accedi di nuovo.
admin-too-many = { $seconds ->
    [one] Troppi tentativi. Riprova tra { $seconds } secondo.
   *[other] Troppi tentativi. Riprova tra { $seconds } secondi.
}
admin-busy = Il server è occupato. Riprova tra qualche secondo.
admin-wrong = Nome o password errati.
admin-moderation = Moderazione
admin-signed-in-as = Accesso effettuato come { $moderator }
admin-sign-out = Esci
admin-awaiting = { $count } in attesa di decisione
admin-awaiting-shown = { $count } in attesa di decisione (i { $shown } più vecchi qui sotto)
admin-with-ticked = Con i commenti selezionati
admin-approve = Approva
admin-reject = Rifiuta
admin-spam = Spam
admin-delete = Elimina
admin-nothing-awaits = Nulla attende una decisione.
admin-bans = Ban in vigore
admin-ban-which = Banna l’autore del commento n.
admin-next = Avanti
admin-no-ban = Nessun ban in vigore.
admin-picks = Scelte della redazione
admin-picks-line = Fino a { $count } commenti pubblicati per articolo, mostrati sopra la sua discussione.
admin-feature-which = Metti in evidenza il commento n.
admin-feature = Metti in evidenza
admin-no-pick = Nessun commento è in evidenza.
admin-failed = Invii di webhook abbandonati
admin-queued = In coda (UTC)
admin-event = Evento
admin-webhook = Webhook
admin-attempts = Tentativi
admin-last-error = Ultimo errore
admin-recent = Azioni recenti
admin-when = Quando (UTC)
admin-who = Chi
admin-did = Azione
admin-comment = Commento
admin-article = Articolo
admin-held = Trattenuto per la moderazione preventiva
admin-edited = Modificato dall’autore: Approva pubblica il nuovo testo, Rifiuta mantiene quello pubblicato
admin-reported = { $count ->
    [one] Pubblicato, segnalato una volta ({ $reason })
   *[other] Pubblicato, segnalato { $count } volte ({ $reason })
}
admin-in-reply-to = In risposta a { $author }
admin-select = Seleziona il commento n. { $comment } di { $author }
admin-signed-in = con accesso
admin-on-article = N. { $comment } su «{ $title }»
admin-new-text = Nuovo testo:
admin-ban-author = Banna l’autore…
admin-ban-author-of = Banna l’autore del n. { $comment }
admin-pick = N. { $comment } di { $author } su «{ $title }»
admin-unfeature = Togli dall’evidenza
admin-unfeature-which = Togli dall’evidenza il n. { $comment }
admin-banned-account = { $author } (con accesso su { $site })
admin-banned-erased = Un lettore di { $site } che ha cancellato i propri dati
admin-banned-address = Messaggi anonimi dall’indirizzo del commento n. { $comment }
admin-ban-forever = per sempre
admin-ban-until = fino al { $date }
admin-ban-by = da { $moderator } il { $date }
admin-lift = Revoca
admin-lift-which = Revoca il ban { $ban }
admin-ban = Banna
admin-no-comment = Nessun commento con questo numero (o è stato eliminato).
admin-back = Torna alla moderazione
admin-whom-account = { $author }, con accesso su { $site }: il suo account viene bannato, ovunque scriva.
admin-whom-address = { $author }, anonimo: i messaggi senza accesso dall’indirizzo da cui è arrivato questo commento vengono rifiutati.
admin-whom-nothing = Un lettore anonimo il cui indirizzo non è più conservato: non si può bannare nulla.
admin-for-good = Per sempre
admin-days = { $count ->
    [one] { $count } giorno
   *[other] { $count } giorni
}
admin-reason = Motivo (resta nel registro)
admin-how-long = Durata
admin-on = Su «{ $title }» · { $date }
admin-approved = { $count ->
    [one] { $count } commento approvato.
   *[other] { $count } commenti approvati.
}
admin-rejected = { $count ->
    [one] { $count } commento rifiutato.
   *[other] { $count } commenti rifiutati.
}
admin-marked-spam = { $count ->
    [one] { $count } commento segnato come spam.
   *[other] { $count } commenti segnati come spam.
}
admin-deleted = { $count ->
    [one] { $count } commento eliminato.
   *[other] { $count } commenti eliminati.
}
admin-now-banned = L’autore è bannato: i suoi messaggi vengono rifiutati.
admin-no-address = Nulla è stato bannato: il commento è anonimo e il suo indirizzo non è più conservato.
admin-lifted = Il ban è revocato.
admin-not-in-force = Quel ban non era più in vigore.
admin-featured = Il commento è in evidenza sopra la discussione del suo articolo.
admin-unfeatured = Il commento non è più in evidenza.
admin-not-published = Nulla è stato messo in evidenza: nessun commento pubblicato ha quel numero.
admin-picks-full = Nulla è stato messo in evidenza: il suo articolo ha già { $count } scelte; togline una prima.
admin-none-ticked = Nulla è stato deciso: seleziona prima almeno un commento.
## Le azioni del registro.
did-approve = ha approvato
did-reject = ha rifiutato
did-spam = ha segnato come spam
did-delete = ha eliminato
did-ban = { $count ->
    [one] ha bannato per { $count } giorno
   *[other] ha bannato per { $count } giorni
}
did-ban-forever = ha bannato per sempre
did-lift = ha revocato un ban
did-feature = ha messo in evidenza
did-unfeature = ha tolto dall’evidenza
did-sign-in = ha effettuato l’accesso
did-sign-out = è uscito
