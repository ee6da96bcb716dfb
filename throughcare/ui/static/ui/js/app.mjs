// Starts GOV.UK Frontend and MoJ Frontend, both ES modules. The <script type="module"> that loads
// this file names their URLs (data-govuk-frontend, data-moj-frontend), so Django's static files
// settings decide where they are.
const script = document.querySelector('script[data-govuk-frontend][data-moj-frontend]')

if (script) {
  Promise.all([
    import(script.dataset.govukFrontend),
    import(script.dataset.mojFrontend)
  ]).then(([govuk, moj]) => {
    govuk.initAll()
    moj.initAll()
  })
}
