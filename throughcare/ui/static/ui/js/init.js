// The first thing in <body>: GOV.UK Frontend styles its JavaScript-enhanced components only when
// these classes are set. A file rather than inline, for the Content Security Policy.
document.body.className +=
  ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
