# encart's e-mails and their link pages in Czech: the server's words, which
# never travel to the widget. The messages and their variables are those of
# mail/en.ftl; the language's plural rules and numbers are ../cs.ftl's.

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
