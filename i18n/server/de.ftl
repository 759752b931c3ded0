# encart's server words in German: its e-mails, their link pages and
# the moderation pages (/admin), which never travel to the widget.
# The messages and their variables are those of server/en.ftl; the language's plural rules and numbers are ../de.ftl's.

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

## Die Moderationsseiten (/admin).
admin-heading = encart-Moderation
admin-sign-in = Anmelden
admin-name = Name
admin-password = Passwort
admin-stale-form = Dieses Formular war abgelaufen oder stammte nicht von dieser Website: Bitte erneut anmelden.
admin-too-many = { $seconds ->
    [one] Zu viele Versuche. Versuchen Sie es in { $seconds } Sekunde erneut.
   *[other] Zu viele Versuche. Versuchen Sie es in { $seconds } Sekunden erneut.
}
admin-busy = Der Server ist ausgelastet. Versuchen Sie es in einigen Sekunden erneut.
admin-wrong = Name oder Passwort falsch.
admin-moderation = Moderation
admin-signed-in-as = Angemeldet als { $moderator }
admin-sign-out = Abmelden
admin-awaiting = { $count } warten auf eine Entscheidung
admin-awaiting-shown = { $count } warten auf eine Entscheidung (die ältesten { $shown } unten)
admin-with-ticked = Mit den markierten Kommentaren
admin-approve = Freigeben
admin-reject = Ablehnen
admin-spam = Spam
admin-delete = Löschen
admin-nothing-awaits = Nichts wartet auf eine Entscheidung.
admin-bans = Geltende Sperren
admin-ban-which = Verfasser des Kommentars Nr. sperren
admin-next = Weiter
admin-no-ban = Keine Sperre in Kraft.
admin-picks = Empfehlungen der Redaktion
admin-picks-line = Bis zu { $count } veröffentlichte Kommentare je Artikel, über seiner Diskussion angezeigt.
admin-feature-which = Kommentar Nr. hervorheben
admin-feature = Hervorheben
admin-no-pick = Kein Kommentar ist hervorgehoben.
admin-failed = Aufgegebene Webhook-Zustellungen
admin-queued = Eingereiht (UTC)
admin-event = Ereignis
admin-webhook = Webhook
admin-attempts = Versuche
admin-last-error = Letzter Fehler
admin-recent = Letzte Aktionen
admin-when = Wann (UTC)
admin-who = Wer
admin-did = Aktion
admin-comment = Kommentar
admin-article = Artikel
admin-held = Zur Vorabmoderation zurückgehalten
admin-edited = Vom Verfasser bearbeitet: Freigeben veröffentlicht den neuen Text, Ablehnen behält den veröffentlichten
admin-reported = { $count ->
    [one] Veröffentlicht, einmal gemeldet ({ $reason })
   *[other] Veröffentlicht, { $count }-mal gemeldet ({ $reason })
}
admin-in-reply-to = Antwort auf { $author }
admin-select = Kommentar Nr. { $comment } von { $author } auswählen
admin-signed-in = angemeldet
admin-on-article = Nr. { $comment } zu „{ $title }“
admin-new-text = Neuer Text:
admin-ban-author = Verfasser sperren …
admin-ban-author-of = Verfasser von Nr. { $comment } sperren
admin-pick = Nr. { $comment } von { $author } zu „{ $title }“
admin-unfeature = Nicht mehr hervorheben
admin-unfeature-which = Nr. { $comment } nicht mehr hervorheben
admin-banned-account = { $author } (angemeldet auf { $site })
admin-banned-erased = Ein Leser von { $site }, der seine Daten gelöscht hat
admin-banned-address = Anonyme Beiträge von der Adresse des Kommentars Nr. { $comment }
admin-ban-forever = dauerhaft
admin-ban-until = bis { $date }
admin-ban-by = von { $moderator } am { $date }
admin-lift = Aufheben
admin-lift-which = Sperre { $ban } aufheben
admin-ban = Sperren
admin-no-comment = Kein solcher Kommentar (oder er wurde gelöscht).
admin-back = Zurück zur Moderation
admin-whom-account = { $author }, angemeldet auf { $site }: Das Konto wird gesperrt, egal von wo aus geschrieben wird.
admin-whom-address = { $author }, anonym: Beiträge ohne Anmeldung von der Adresse, von der dieser Kommentar kam, werden abgelehnt.
admin-whom-nothing = Ein anonymer Leser, dessen Adresse nicht mehr gespeichert ist: Es kann nichts gesperrt werden.
admin-for-good = Dauerhaft
admin-days = { $count ->
    [one] { $count } Tag
   *[other] { $count } Tage
}
admin-reason = Grund (wird protokolliert)
admin-how-long = Dauer
admin-on = Zu „{ $title }“ · { $date }
admin-approved = { $count ->
    [one] { $count } Kommentar freigegeben.
   *[other] { $count } Kommentare freigegeben.
}
admin-rejected = { $count ->
    [one] { $count } Kommentar abgelehnt.
   *[other] { $count } Kommentare abgelehnt.
}
admin-marked-spam = { $count ->
    [one] { $count } Kommentar als Spam markiert.
   *[other] { $count } Kommentare als Spam markiert.
}
admin-deleted = { $count ->
    [one] { $count } Kommentar gelöscht.
   *[other] { $count } Kommentare gelöscht.
}
admin-now-banned = Der Verfasser ist gesperrt: Seine Beiträge werden abgelehnt.
admin-no-address = Nichts wurde gesperrt: Der Kommentar ist anonym und seine Adresse nicht mehr gespeichert.
admin-lifted = Die Sperre ist aufgehoben.
admin-not-in-force = Diese Sperre war nicht mehr in Kraft.
admin-featured = Der Kommentar wird über der Diskussion seines Artikels hervorgehoben.
admin-unfeatured = Der Kommentar wird nicht mehr hervorgehoben.
admin-not-published = Nichts wurde hervorgehoben: Kein veröffentlichter Kommentar hat diese Nummer.
admin-picks-full = Nichts wurde hervorgehoben: Sein Artikel hat bereits { $count } Empfehlungen; heben Sie zuerst eine auf.
admin-none-ticked = Nichts wurde entschieden: Markieren Sie zuerst mindestens einen Kommentar.
## Die Aktionen des Protokolls.
did-approve = freigegeben
did-reject = abgelehnt
did-spam = als Spam markiert
did-delete = gelöscht
did-ban = { $count ->
    [one] für { $count } Tag gesperrt
   *[other] für { $count } Tage gesperrt
}
did-ban-forever = dauerhaft gesperrt
did-lift = Sperre aufgehoben
did-feature = hervorgehoben
did-unfeature = nicht mehr hervorgehoben
did-sign-in = angemeldet
did-sign-out = abgemeldet
