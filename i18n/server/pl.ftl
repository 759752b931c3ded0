# encart's server words in Polish: its e-mails, their link pages and
# the moderation pages (/admin), which never travel to the widget.
# The messages and their variables are those of server/en.ftl; the language's plural rules and numbers are ../pl.ftl's.

confirm-subject = Potwierdź adres, aby dostawać powiadomienia o odpowiedziach
confirm-line = Poprosiłeś o powiadomienia o odpowiedziach na Twój komentarz pod „{ $title }”.
confirm-button = Potwierdź mój adres
confirm-after = Bez potwierdzenia zapomnimy ten adres po 7 dniach. Jeśli o nic nie prosiłeś, zignoruj tę wiadomość.
answers-subject = { $count ->
    [one] { $author } odpowiedział(a) na Twój komentarz pod „{ $title }”
    [few] { $count } nowe odpowiedzi na Twój komentarz pod „{ $title }”
   *[many] { $count } nowych odpowiedzi na Twój komentarz pod „{ $title }”
}
wrote = napisał(a)
read-answer = Przeczytaj odpowiedź
more-answers = W dyskusji czekają na Ciebie kolejne odpowiedzi.
stop-thread = Nie wysyłaj więcej odpowiedzi z tej dyskusji
stop-all = Nie wysyłaj mi żadnych e-maili
colon = :
digest-subject = { $count ->
    [one] Moderacja: { $count } komentarz czeka na decyzję
    [few] Moderacja: { $count } komentarze czekają na decyzję
   *[many] Moderacja: { $count } komentarzy czeka na decyzję
}
digest-line = { $count ->
    [one] { $count } komentarz w { $origin } i innych serwisach czeka na decyzję (wstrzymany lub zgłoszony).
    [few] { $count } komentarze w { $origin } i innych serwisach czekają na decyzję (wstrzymane lub zgłoszone).
   *[many] { $count } komentarzy w { $origin } i innych serwisach czeka na decyzję (wstrzymanych lub zgłoszonych).
}
digest-link = Otwórz kolejkę moderacji
link-invalid = Ten link jest nieprawidłowy.
confirm-title = Potwierdź adres, aby dostawać powiadomienia o odpowiedziach na Twoje komentarze.
confirm = Potwierdź
confirmed = Adres potwierdzony: będziesz dostawać powiadomienia o odpowiedziach.
stopped-thread = Nie będziesz już dostawać odpowiedzi z tej dyskusji.
stopped-all = Nie będziesz już dostawać od nas żadnych e-maili.

## Strony moderacji (/admin).
admin-heading = Moderacja encart
admin-sign-in = Zaloguj się
admin-name = Nazwa
admin-password = Hasło
admin-stale-form = Ten formularz wygasł lub nie pochodził z tej witryny: zaloguj się ponownie.
admin-too-many = { $seconds ->
    [one] Zbyt wiele prób. Spróbuj ponownie za { $seconds } sekundę.
    [few] Zbyt wiele prób. Spróbuj ponownie za { $seconds } sekundy.
   *[many] Zbyt wiele prób. Spróbuj ponownie za { $seconds } sekund.
}
admin-busy = Serwer jest zajęty. Spróbuj ponownie za kilka sekund.
admin-wrong = Nieprawidłowa nazwa lub hasło.
admin-moderation = Moderacja
admin-signed-in-as = Zalogowano jako { $moderator }
admin-sign-out = Wyloguj się
admin-awaiting = { $count ->
    [one] { $count } czeka na decyzję
    [few] { $count } czekają na decyzję
   *[many] { $count } czeka na decyzję
}
admin-awaiting-shown = { $count ->
    [one] { $count } czeka na decyzję (najstarsze { $shown } poniżej)
    [few] { $count } czekają na decyzję (najstarsze { $shown } poniżej)
   *[many] { $count } czeka na decyzję (najstarsze { $shown } poniżej)
}
admin-with-ticked = Z zaznaczonymi komentarzami
admin-approve = Zatwierdź
admin-reject = Odrzuć
admin-spam = Spam
admin-delete = Usuń
admin-nothing-awaits = Nic nie czeka na decyzję.
admin-bans = Obowiązujące blokady
admin-ban-which = Zablokuj autora komentarza nr
admin-next = Dalej
admin-no-ban = Nie obowiązuje żadna blokada.
admin-picks = Wybór redakcji
admin-picks-line = Do { $count } opublikowanych komentarzy na artykuł, wyświetlanych nad jego dyskusją.
admin-feature-which = Wyróżnij komentarz nr
admin-feature = Wyróżnij
admin-no-pick = Żaden komentarz nie jest wyróżniony.
admin-failed = Porzucone dostarczenia webhooków
admin-queued = W kolejce (UTC)
admin-event = Zdarzenie
admin-webhook = Webhook
admin-attempts = Próby
admin-last-error = Ostatni błąd
admin-recent = Ostatnie działania
admin-when = Kiedy (UTC)
admin-who = Kto
admin-did = Działanie
admin-comment = Komentarz
admin-article = Artykuł
admin-held = Wstrzymany do moderacji wstępnej
admin-edited = Edytowany przez autora: Zatwierdź publikuje nowy tekst, Odrzuć zachowuje opublikowany
admin-reported = { $count ->
    [one] Opublikowany, zgłoszony raz ({ $reason })
   *[many] Opublikowany, zgłoszony { $count } razy ({ $reason })
}
admin-in-reply-to = W odpowiedzi na komentarz: { $author }
admin-select = Zaznacz komentarz nr { $comment } autorstwa { $author }
admin-signed-in = zalogowany
admin-on-article = Nr { $comment } pod „{ $title }”
admin-new-text = Nowy tekst:
admin-ban-author = Zablokuj autora…
admin-ban-author-of = Zablokuj autora nr { $comment }
admin-pick = Nr { $comment } autorstwa { $author } pod „{ $title }”
admin-unfeature = Cofnij wyróżnienie
admin-unfeature-which = Cofnij wyróżnienie nr { $comment }
admin-banned-account = { $author } (zalogowany w { $site })
admin-banned-erased = Czytelnik { $site }, który usunął swoje dane
admin-banned-address = Anonimowe wpisy z adresu komentarza nr { $comment }
admin-ban-forever = na zawsze
admin-ban-until = do { $date }
admin-ban-by = przez { $moderator }, { $date }
admin-lift = Znieś
admin-lift-which = Znieś blokadę { $ban }
admin-ban = Zablokuj
admin-no-comment = Nie ma takiego komentarza (lub został usunięty).
admin-back = Wróć do moderacji
admin-whom-account = { $author }, zalogowany w { $site }: konto zostaje zablokowane, skądkolwiek pisze.
admin-whom-address = { $author }, anonimowo: wpisy bez logowania z adresu, z którego przyszedł ten komentarz, są odrzucane.
admin-whom-nothing = Anonimowy czytelnik, którego adres nie jest już przechowywany: nie można niczego zablokować.
admin-for-good = Na zawsze
admin-days = { $count ->
    [one] { $count } dzień
   *[many] { $count } dni
}
admin-reason = Powód (zostaje w rejestrze)
admin-how-long = Na jak długo
admin-on = Pod „{ $title }” · { $date }
admin-approved = { $count ->
    [one] Zatwierdzono { $count } komentarz.
    [few] Zatwierdzono { $count } komentarze.
   *[many] Zatwierdzono { $count } komentarzy.
}
admin-rejected = { $count ->
    [one] Odrzucono { $count } komentarz.
    [few] Odrzucono { $count } komentarze.
   *[many] Odrzucono { $count } komentarzy.
}
admin-marked-spam = { $count ->
    [one] Oznaczono { $count } komentarz jako spam.
    [few] Oznaczono { $count } komentarze jako spam.
   *[many] Oznaczono { $count } komentarzy jako spam.
}
admin-deleted = { $count ->
    [one] Usunięto { $count } komentarz.
    [few] Usunięto { $count } komentarze.
   *[many] Usunięto { $count } komentarzy.
}
admin-now-banned = Autor jest zablokowany: jego wpisy są odrzucane.
admin-no-address = Nic nie zablokowano: komentarz jest anonimowy, a jego adres nie jest już przechowywany.
admin-lifted = Blokada została zniesiona.
admin-not-in-force = Ta blokada już nie obowiązywała.
admin-featured = Komentarz jest wyróżniony nad dyskusją swojego artykułu.
admin-unfeatured = Komentarz nie jest już wyróżniony.
admin-not-published = Nic nie wyróżniono: żaden opublikowany komentarz nie ma tego numeru.
admin-picks-full = Nic nie wyróżniono: artykuł ma już { $count } wyróżnienia; najpierw cofnij jedno.
admin-none-ticked = Nic nie zdecydowano: najpierw zaznacz co najmniej jeden komentarz.
## Działania w rejestrze.
did-approve = zatwierdził(a)
did-reject = odrzucił(a)
did-spam = oznaczył(a) jako spam
did-delete = usunął/usunęła
did-ban = { $count ->
    [one] zablokował(a) na { $count } dzień
   *[many] zablokował(a) na { $count } dni
}
did-ban-forever = zablokował(a) na zawsze
did-lift = zniósł/zniosła blokadę
did-feature = wyróżnił(a)
did-unfeature = cofnął/cofnęła wyróżnienie
did-sign-in = zalogował(a) się
did-sign-out = wylogował(a) się
