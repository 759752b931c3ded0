# encart's words in Spanish. The messages and their variables are those of
# en.ftl (see there for the syntax); `cargo build` checks it.

## How the language counts and writes numbers, from CLDR
## (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html,
## the rules for whole numbers; "other" is what no rule gives).

-plural-one = n = 1
-plural-many = e = 0 and i != 0 and i % 1000000 = 0 and v = 0 or e != 0..5
-number-group = .
-number-min-grouping = 2

## The widget.

loading = Cargando el artículo…
by = Por
read-on-its-page = Leer el artículo en su página
retry = Reintentar
error-network = No se pudo conectar con el servidor. Compruebe su conexión.
error-timeout = El servidor tarda demasiado en responder.
error-not-found = No se ha encontrado este artículo.
error-server = El servidor ha tenido un error.
error-malformed = El servidor ha enviado una respuesta inesperada.
error-too-large = Este comentario es demasiado largo para enviarlo.
error-rate-limited = Está comentando un poco rápido: vuelva a intentarlo en unos segundos.
loading-comments = Cargando los comentarios…
load-more = Mostrar más comentarios
reply = Responder
cancel = Cancelar
leave-comment = Deja un comentario
name-label = Nombre
comment-label = Comentario
honeypot-label = Deje este campo vacío
post = Publicar
posting = Enviando…
sending = enviando
awaiting-moderation = pendiente de moderación: solo usted puede verlo
posted = Gracias, su comentario se ha publicado.
post-failed = Su comentario no se ha enviado; su texto se conserva.
commenting-unavailable = No se pueden enviar comentarios desde esta página.
author-required = Escriba su nombre.
author-too-long = Su nombre no puede superar los 80 caracteres.
body-required = Escriba su comentario.
body-too-long = Su comentario no puede superar los 5000 caracteres.
control-characters = Este texto contiene caracteres no permitidos.
notify = Avisarme por correo cuando alguien responda
email-label = Su correo (nunca se muestra; le enviaremos un enlace para confirmarlo)
email-required = Escriba la dirección en la que avisarle.
email-invalid = Esta dirección no es válida.
text-size = Tamaño del texto
text-smaller = Texto más pequeño
text-normal = Texto normal
text-larger = Texto más grande
theme = Tema
theme-auto = Automático
theme-light = Claro
theme-dark = Oscuro
theme-sepia = Sepia
delete = Eliminar
confirm-delete = ¿Eliminar este comentario definitivamente?
yes-delete = Sí, eliminar
deleting = Eliminando…
report = Denunciar
edit = Editar
edited = editado
edit-label = Su comentario
save = Guardar
edit-waits = Su cambio se mostrará cuando lo apruebe la moderación.
picks = Selección de la redacción
sort-by = Ordenar
sort-newest = Más recientes
sort-oldest = Más antiguos
sort-recommended = Más recomendados
recommend = Recomendar
report-why = Denunciar este comentario como:
reason-spam = Spam
reason-abuse = Ofensivo
reason-off-topic = Fuera de tema
reason-other = Otro
reported = Denunciado, gracias: la moderación lo revisará.
comment-deleted = Comentario eliminado.
commenting-as = Comenta como
sign-in = Iniciar sesión
sign-out = Cerrar sesión
sign-in-to-comment = Inicie sesión para comentar.
verified = Cuenta verificada
staff = Redacción
error-sign-in-expired = Su sesión ha caducado: vuelva a iniciar sesión y su comentario se enviará.
error-sign-in-invalid = No se pudo verificar su inicio de sesión. Vuelva a cargar la página.
error-banned = La moderación le ha retirado el derecho a comentar en este sitio.

## Counts, times and dates.

comments-heading = { $count ->
    [0] Aún no hay comentarios
    [one] { $count } comentario
    [many] { $count } de comentarios
   *[other] { $count } comentarios
}
new-comments = { $count ->
    [one] { $count } comentario nuevo
    [many] { $count } de comentarios nuevos
   *[other] { $count } comentarios nuevos
}
reading-time = { $minutes } min de lectura
time-now = ahora mismo
time-minutes = hace { $minutes } min
time-hours = hace { $hours } h
time-days = hace { $days } { $days ->
    [one] día
   *[other] días
}
date = { $day } de { $month ->
    [1] enero
    [2] febrero
    [3] marzo
    [4] abril
    [5] mayo
    [6] junio
    [7] julio
    [8] agosto
    [9] septiembre
    [10] octubre
    [11] noviembre
   *[12] diciembre
} de { NUMBER($year, useGrouping: "false") }
exact-time = { $date }, { NUMBER($hour, minimumIntegerDigits: 2) }:{ NUMBER($minute, minimumIntegerDigits: 2) } UTC

## The loader, where the widget cannot run at all.

reader-unavailable = El lector de artículos no ha podido cargarse aquí.
