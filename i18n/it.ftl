# encart's words in Italian. The messages and their variables are those of
# en.ftl (see there for the syntax); `cargo build` checks it.

## How the language counts and writes numbers, from CLDR
## (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html,
## the rules for whole numbers; "other" is what no rule gives).

-plural-one = i = 1 and v = 0
-plural-many = e = 0 and i != 0 and i % 1000000 = 0 and v = 0 or e != 0..5
-number-group = .
-number-min-grouping = 2

## The widget.

loading = Caricamento dell’articolo…
by = Di
read-on-its-page = Leggi l’articolo sulla sua pagina
retry = Riprova
error-network = Impossibile raggiungere il server. Controlla la connessione.
error-timeout = Il server impiega troppo tempo a rispondere.
error-not-found = Articolo non trovato.
error-server = Si è verificato un errore sul server.
error-malformed = Il server ha inviato una risposta inattesa.
error-too-large = Questo commento è troppo lungo per essere inviato.
error-rate-limited = Stai commentando un po’ troppo in fretta: riprova tra qualche secondo.
loading-comments = Caricamento dei commenti…
load-more = Mostra altri commenti
reply = Rispondi
cancel = Annulla
leave-comment = Lascia un commento
name-label = Nome
comment-label = Commento
honeypot-label = Lascia vuoto questo campo
post = Pubblica
posting = Invio…
sending = invio in corso
awaiting-moderation = in attesa di moderazione: visibile solo a te
posted = Grazie, il tuo commento è pubblicato.
post-failed = Il tuo commento non è stato inviato; il testo è conservato.
commenting-unavailable = Da questa pagina non si possono inviare commenti.
author-required = Inserisci il tuo nome.
author-too-long = Il nome non può superare gli 80 caratteri.
body-required = Scrivi il tuo commento.
body-too-long = Il commento non può superare i 5000 caratteri.
control-characters = Questo testo contiene caratteri non consentiti.
notify = Avvisami via e-mail delle risposte
email-label = La tua e-mail (mai mostrata; ti invieremo un link per confermarla)
email-required = Inserisci l’indirizzo a cui avvisarti.
email-invalid = Questo indirizzo non è valido.
text-size = Dimensione del testo
text-smaller = Testo più piccolo
text-normal = Testo normale
text-larger = Testo più grande
theme = Tema
theme-auto = Automatico
theme-light = Chiaro
theme-dark = Scuro
theme-sepia = Seppia
delete = Elimina
confirm-delete = Eliminare definitivamente questo commento?
yes-delete = Sì, elimina
deleting = Eliminazione…
report = Segnala
edit = Modifica
edited = modificato
edit-label = Il tuo commento
save = Salva
edit-waits = La modifica comparirà dopo l’approvazione della moderazione.
picks = Scelti dalla redazione
sort-by = Ordina
sort-newest = Più recenti
sort-oldest = Meno recenti
sort-recommended = Più consigliati
recommend = Consiglia
report-why = Segnala questo commento come:
reason-spam = Spam
reason-abuse = Offensivo
reason-off-topic = Fuori tema
reason-other = Altro
reported = Segnalato, grazie: la moderazione lo esaminerà.
comment-deleted = Commento eliminato.
commenting-as = Commenti come
sign-in = Accedi
sign-out = Esci
sign-in-to-comment = Accedi per commentare.
verified = Account verificato
staff = Redazione
error-sign-in-expired = La sessione è scaduta: accedi di nuovo e il tuo commento verrà inviato.
error-sign-in-invalid = Non è stato possibile verificare l’accesso. Ricarica la pagina.
error-banned = La moderazione ti ha revocato il diritto di commentare su questo sito.

## Counts, times and dates.

comments-heading = { $count ->
    [0] Ancora nessun commento
    [one] { $count } commento
    [many] { $count } di commenti
   *[other] { $count } commenti
}
new-comments = { $count ->
    [one] { $count } nuovo commento
    [many] { $count } di nuovi commenti
   *[other] { $count } nuovi commenti
}
reading-time = { $minutes } min di lettura
time-now = proprio ora
time-minutes = { $minutes } min fa
time-hours = { $hours } h fa
time-days = { $days } { $days ->
    [one] giorno
   *[other] giorni
} fa
date = { $day } { $month ->
    [1] gennaio
    [2] febbraio
    [3] marzo
    [4] aprile
    [5] maggio
    [6] giugno
    [7] luglio
    [8] agosto
    [9] settembre
    [10] ottobre
    [11] novembre
   *[12] dicembre
} { NUMBER($year, useGrouping: "false") }
exact-time = { $date }, { NUMBER($hour, minimumIntegerDigits: 2) }:{ NUMBER($minute, minimumIntegerDigits: 2) } UTC

## The loader, where the widget cannot run at all.

reader-unavailable = Non è stato possibile caricare qui il lettore di articoli.
