"""What the editing pages (bodies, meetings, documents, history) share: form fields that speak
the meeting file's language, the stale-edit notice and the page macros
(``templates/manage/_macros.html``)."""
