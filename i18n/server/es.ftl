# encart's server words in Spanish: its e-mails, their link pages and
# the moderation pages (/admin), which never travel to the widget.
# The messages and their variables are those of server/en.ftl; the language's plural rules and numbers are ../es.ftl's.

confirm-subject = Confirme su dirección para recibir avisos de respuestas
confirm-line = Ha pedido que le avisemos de las respuestas a su comentario en «{ $title }».
confirm-button = Confirmar mi dirección
confirm-after = Sin confirmación, olvidaremos esta dirección en 7 días. Si no ha pedido nada, ignore este mensaje.
answers-subject = { $count ->
    [one] { $author } ha respondido a su comentario en «{ $title }»
   *[other] { $count } respuestas nuevas a su comentario en «{ $title }»
}
wrote = escribió
read-answer = Leer la respuesta
more-answers = Le esperan más respuestas en la conversación.
stop-thread = No recibir más respuestas de esta conversación
stop-all = No recibir ningún correo más
colon = :
digest-subject = { $count ->
    [one] Moderación: { $count } comentario pendiente de decisión
   *[other] Moderación: { $count } comentarios pendientes de decisión
}
digest-line = { $count ->
    [one] { $count } comentario de { $origin } y de los demás sitios espera una decisión (retenido o denunciado).
   *[other] { $count } comentarios de { $origin } y de los demás sitios esperan una decisión (retenidos o denunciados).
}
digest-link = Abrir la cola de moderación
link-invalid = Este enlace no es válido.
confirm-title = Confirme su dirección para recibir avisos de las respuestas a sus comentarios.
confirm = Confirmar
confirmed = Dirección confirmada: le avisaremos de las respuestas.
stopped-thread = Ya no recibirá las respuestas de esta conversación.
stopped-all = Ya no recibirá ningún correo nuestro.

## Las páginas de moderación (/admin).
admin-heading = Moderación de encart
admin-sign-in = Iniciar sesión
admin-name = Nombre
admin-password = Contraseña
admin-stale-form = Este formulario había caducado o no venía de este sitio: vuelve a iniciar sesión.
admin-too-many = { $seconds ->
    [one] Demasiados intentos. Vuelve a intentarlo en { $seconds } segundo.
   *[other] Demasiados intentos. Vuelve a intentarlo en { $seconds } segundos.
}
admin-busy = El servidor está ocupado. Vuelve a intentarlo en unos segundos.
admin-wrong = Nombre o contraseña incorrectos.
admin-moderation = Moderación
admin-signed-in-as = Sesión iniciada como { $moderator }
admin-sign-out = Cerrar sesión
admin-awaiting = { $count } pendientes de decisión
admin-awaiting-shown = { $count } pendientes de decisión (los { $shown } más antiguos abajo)
admin-with-ticked = Con los comentarios marcados
admin-approve = Aprobar
admin-reject = Rechazar
admin-spam = Spam
admin-delete = Eliminar
admin-nothing-awaits = Nada está pendiente de decisión.
admin-bans = Bloqueos vigentes
admin-ban-which = Bloquear al autor del comentario n.º
admin-next = Siguiente
admin-no-ban = No hay ningún bloqueo vigente.
admin-picks = Selección de la redacción
admin-picks-line = Hasta { $count } comentarios publicados por artículo, mostrados encima de su debate.
admin-feature-which = Destacar el comentario n.º
admin-feature = Destacar
admin-no-pick = Ningún comentario está destacado.
admin-failed = Envíos de webhooks abandonados
admin-queued = En cola (UTC)
admin-event = Evento
admin-webhook = Webhook
admin-attempts = Intentos
admin-last-error = Último error
admin-recent = Acciones recientes
admin-when = Cuándo (UTC)
admin-who = Quién
admin-did = Acción
admin-comment = Comentario
admin-article = Artículo
admin-held = Retenido para moderación previa
admin-edited = Editado por su autor: Aprobar publica el nuevo texto, Rechazar mantiene el publicado
admin-reported = { $count ->
    [one] Publicado, denunciado una vez ({ $reason })
   *[other] Publicado, denunciado { $count } veces ({ $reason })
}
admin-in-reply-to = En respuesta a { $author }
admin-select = Seleccionar el comentario n.º { $comment } de { $author }
admin-signed-in = con sesión
admin-on-article = N.º { $comment } en «{ $title }»
admin-new-text = Nuevo texto:
admin-ban-author = Bloquear al autor…
admin-ban-author-of = Bloquear al autor del n.º { $comment }
admin-pick = N.º { $comment } de { $author } en «{ $title }»
admin-unfeature = Quitar de destacados
admin-unfeature-which = Quitar de destacados el n.º { $comment }
admin-banned-account = { $author } (con sesión en { $site })
admin-banned-erased = Un lector de { $site } que borró sus datos
admin-banned-address = Mensajes anónimos desde la dirección del comentario n.º { $comment }
admin-ban-forever = para siempre
admin-ban-until = hasta el { $date }
admin-ban-by = por { $moderator } el { $date }
admin-lift = Levantar
admin-lift-which = Levantar el bloqueo { $ban }
admin-ban = Bloquear
admin-no-comment = No existe ese comentario (o fue eliminado).
admin-back = Volver a la moderación
admin-whom-account = { $author }, con sesión en { $site }: su cuenta queda bloqueada, escriba desde donde escriba.
admin-whom-address = { $author }, anónimo: se rechazan los mensajes sin sesión desde la dirección de la que vino este comentario.
admin-whom-nothing = Un lector anónimo cuya dirección ya no se conserva: no se puede bloquear nada.
admin-for-good = Para siempre
admin-days = { $count ->
    [one] { $count } día
   *[other] { $count } días
}
admin-reason = Motivo (queda en el registro)
admin-how-long = Duración
admin-on = En «{ $title }» · { $date }
admin-approved = { $count ->
    [one] { $count } comentario aprobado.
   *[other] { $count } comentarios aprobados.
}
admin-rejected = { $count ->
    [one] { $count } comentario rechazado.
   *[other] { $count } comentarios rechazados.
}
admin-marked-spam = { $count ->
    [one] { $count } comentario marcado como spam.
   *[other] { $count } comentarios marcados como spam.
}
admin-deleted = { $count ->
    [one] { $count } comentario eliminado.
   *[other] { $count } comentarios eliminados.
}
admin-now-banned = El autor está bloqueado: se rechazan sus mensajes.
admin-no-address = No se bloqueó nada: el comentario es anónimo y su dirección ya no se conserva.
admin-lifted = El bloqueo se ha levantado.
admin-not-in-force = Ese bloqueo ya no estaba vigente.
admin-featured = El comentario se destaca encima del debate de su artículo.
admin-unfeatured = El comentario ya no está destacado.
admin-not-published = No se destacó nada: ningún comentario publicado tiene ese número.
admin-picks-full = No se destacó nada: su artículo ya tiene { $count } destacados; quita uno primero.
admin-none-ticked = No se decidió nada: marca primero al menos un comentario.
## Las acciones del registro.
did-approve = aprobó
did-reject = rechazó
did-spam = marcó como spam
did-delete = eliminó
did-ban = { $count ->
    [one] bloqueó por { $count } día
   *[other] bloqueó por { $count } días
}
did-ban-forever = bloqueó para siempre
did-lift = levantó un bloqueo
did-feature = destacó
did-unfeature = quitó de destacados
did-sign-in = inició sesión
did-sign-out = cerró sesión
