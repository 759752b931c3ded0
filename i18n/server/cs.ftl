# encart's server words in Czech: its e-mails, their link pages and
# the moderation pages (/admin), which never travel to the widget.
# The messages and their variables are those of server/en.ftl; the language's plural rules and numbers are ../cs.ftl's.

confirm-subject = Potvrďte adresu pro upozornění na odpovědi
confirm-line = Požádali jste o upozornění na odpovědi na váš komentář u článku „{ $title }“.
confirm-button = Potvrdit mou adresu
confirm-after = Bez potvrzení tuto adresu za 7 dní zapomeneme. Pokud jste o nic nežádali, tuto zprávu ignorujte.
answers-subject = { $count ->
    [one] { $author } odpověděl(a) na váš komentář u článku „{ $title }“
    [few] { $count } nové odpovědi na váš komentář u článku „{ $title }“
   *[other] { $count } nových odpovědí na váš komentář u článku „{ $title }“
}
wrote = napsal(a)
read-answer = Přečíst odpověď
more-answers = V diskusi na vás čekají další odpovědi.
stop-thread = Už neposílat odpovědi z této diskuse
stop-all = Už neposílat žádné e-maily
colon = :
digest-subject = { $count ->
    [one] Moderace: { $count } komentář čeká na rozhodnutí
    [few] Moderace: { $count } komentáře čekají na rozhodnutí
   *[other] Moderace: { $count } komentářů čeká na rozhodnutí
}
digest-line = { $count ->
    [one] { $count } komentář na { $origin } a dalších webech čeká na rozhodnutí (zadržený nebo nahlášený).
    [few] { $count } komentáře na { $origin } a dalších webech čekají na rozhodnutí (zadržené nebo nahlášené).
   *[other] { $count } komentářů na { $origin } a dalších webech čeká na rozhodnutí (zadržených nebo nahlášených).
}
digest-link = Otevřít frontu moderace
link-invalid = Tento odkaz není platný.
confirm-title = Potvrďte adresu pro upozornění na odpovědi na vaše komentáře.
confirm = Potvrdit
confirmed = Adresa potvrzena: budeme vás upozorňovat na odpovědi.
stopped-thread = Odpovědi z této diskuse už nebudete dostávat.
stopped-all = Už od nás nebudete dostávat žádné e-maily.

## Stránky moderace (/admin).
admin-heading = Moderace encart
admin-sign-in = Přihlásit se
admin-name = Jméno
admin-password = Heslo
admin-stale-form = Platnost formuláře vypršela nebo nepocházel z tohoto webu: přihlaste se znovu.
admin-too-many = { $seconds ->
    [one] Příliš mnoho pokusů. Zkuste to znovu za { $seconds } sekundu.
    [few] Příliš mnoho pokusů. Zkuste to znovu za { $seconds } sekundy.
   *[other] Příliš mnoho pokusů. Zkuste to znovu za { $seconds } sekund.
}
admin-busy = Server je vytížený. Zkuste to znovu za několik sekund.
admin-wrong = Nesprávné jméno nebo heslo.
admin-moderation = Moderace
admin-signed-in-as = Přihlášen(a) jako { $moderator }
admin-sign-out = Odhlásit se
admin-awaiting = { $count ->
    [one] { $count } čeká na rozhodnutí
    [few] { $count } čekají na rozhodnutí
   *[other] { $count } čeká na rozhodnutí
}
admin-awaiting-shown = { $count ->
    [one] { $count } čeká na rozhodnutí (nejstarších { $shown } níže)
    [few] { $count } čekají na rozhodnutí (nejstarších { $shown } níže)
   *[other] { $count } čeká na rozhodnutí (nejstarších { $shown } níže)
}
admin-with-ticked = Se zaškrtnutými komentáři
admin-approve = Schválit
admin-reject = Zamítnout
admin-spam = Spam
admin-delete = Smazat
admin-nothing-awaits = Nic nečeká na rozhodnutí.
admin-bans = Platné zákazy
admin-ban-which = Zakázat autora komentáře č.
admin-next = Další
admin-no-ban = Neplatí žádný zákaz.
admin-picks = Výběr redakce
admin-picks-line = Až { $count } zveřejněné komentáře na článek, zobrazené nad jeho diskusí.
admin-feature-which = Zvýraznit komentář č.
admin-feature = Zvýraznit
admin-no-pick = Žádný komentář není zvýrazněn.
admin-failed = Vzdaná doručení webhooků
admin-queued = Zařazeno (UTC)
admin-event = Událost
admin-webhook = Webhook
admin-attempts = Pokusy
admin-last-error = Poslední chyba
admin-recent = Nedávné akce
admin-when = Kdy (UTC)
admin-who = Kdo
admin-did = Akce
admin-comment = Komentář
admin-article = Článek
admin-held = Zadrženo k předběžné moderaci
admin-edited = Upraveno autorem: Schválit zveřejní nový text, Zamítnout ponechá zveřejněný
admin-reported = { $count ->
    [one] Zveřejněno, nahlášeno jednou ({ $reason })
    [few] Zveřejněno, nahlášeno { $count }krát ({ $reason })
   *[other] Zveřejněno, nahlášeno { $count }krát ({ $reason })
}
admin-in-reply-to = V odpovědi na: { $author }
admin-select = Vybrat komentář č. { $comment } od { $author }
admin-signed-in = přihlášen
admin-on-article = Č. { $comment } u „{ $title }“
admin-new-text = Nový text:
admin-ban-author = Zakázat autora…
admin-ban-author-of = Zakázat autora č. { $comment }
admin-pick = Č. { $comment } od { $author } u „{ $title }“
admin-unfeature = Zrušit zvýraznění
admin-unfeature-which = Zrušit zvýraznění č. { $comment }
admin-banned-account = { $author } (přihlášen na { $site })
admin-banned-erased = Čtenář { $site }, který smazal svá data
admin-banned-address = Anonymní příspěvky z adresy komentáře č. { $comment }
admin-ban-forever = natrvalo
admin-ban-until = do { $date }
admin-ban-by = zadal(a) { $moderator } { $date }
admin-lift = Zrušit
admin-lift-which = Zrušit zákaz { $ban }
admin-ban = Zakázat
admin-no-comment = Takový komentář neexistuje (nebo byl smazán).
admin-back = Zpět na moderaci
admin-whom-account = { $author }, přihlášen na { $site }: jeho účet bude zakázán, ať píše odkudkoli.
admin-whom-address = { $author }, anonymně: příspěvky bez přihlášení z adresy, ze které tento komentář přišel, budou odmítnuty.
admin-whom-nothing = Anonymní čtenář, jehož adresa se už neuchovává: nelze nic zakázat.
admin-for-good = Natrvalo
admin-days = { $count ->
    [one] { $count } den
    [few] { $count } dny
   *[other] { $count } dní
}
admin-reason = Důvod (zůstane v záznamu)
admin-how-long = Na jak dlouho
admin-on = U „{ $title }“ · { $date }
admin-approved = { $count ->
    [one] { $count } komentář schválen.
    [few] { $count } komentáře schváleny.
   *[other] { $count } komentářů schváleno.
}
admin-rejected = { $count ->
    [one] { $count } komentář zamítnut.
    [few] { $count } komentáře zamítnuty.
   *[other] { $count } komentářů zamítnuto.
}
admin-marked-spam = { $count ->
    [one] { $count } komentář označen jako spam.
    [few] { $count } komentáře označeny jako spam.
   *[other] { $count } komentářů označeno jako spam.
}
admin-deleted = { $count ->
    [one] { $count } komentář smazán.
    [few] { $count } komentáře smazány.
   *[other] { $count } komentářů smazáno.
}
admin-now-banned = Autor je zakázán: jeho příspěvky jsou odmítány.
admin-no-address = Nic nebylo zakázáno: komentář je anonymní a jeho adresa se už neuchovává.
admin-lifted = Zákaz je zrušen.
admin-not-in-force = Tento zákaz už neplatil.
admin-featured = Komentář je zvýrazněn nad diskusí svého článku.
admin-unfeatured = Komentář už není zvýrazněn.
admin-not-published = Nic nebylo zvýrazněno: žádný zveřejněný komentář nemá toto číslo.
admin-picks-full = Nic nebylo zvýrazněno: článek už má { $count } zvýraznění; nejprve jedno zrušte.
admin-none-ticked = Nic nebylo rozhodnuto: nejprve zaškrtněte alespoň jeden komentář.
## Akce v záznamu.
did-approve = schválil(a)
did-reject = zamítl(a)
did-spam = označil(a) jako spam
did-delete = smazal(a)
did-ban = { $count ->
    [one] zakázal(a) na { $count } den
    [few] zakázal(a) na { $count } dny
   *[other] zakázal(a) na { $count } dní
}
did-ban-forever = zakázal(a) natrvalo
did-lift = zrušil(a) zákaz
did-feature = zvýraznil(a)
did-unfeature = zrušil(a) zvýraznění
did-sign-in = přihlásil(a) se
did-sign-out = odhlásil(a) se
