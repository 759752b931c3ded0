# encart's e-mails and their link pages in Italian: the server's words, which
# never travel to the widget. The messages and their variables are those of
# mail/en.ftl; the language's plural rules and numbers are ../it.ftl's.

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
