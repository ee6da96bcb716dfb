// Renders MoJ Frontend's own Nunjucks macros, for the component tests: reads a JSON list of
// {component, macro, params} on standard input and writes the list of rendered HTML. MoJ
// Frontend ships its templates but no fixtures, so the tests render its macros with the same
// options given to Throughcare's Django templates. Needs `npm ci` (nunjucks and moment, which
// MoJ Frontend's date filters use, are development dependencies).
'use strict'
const path = require('node:path')
const root = path.resolve(__dirname, '..', '..', '..', 'node_modules')
const nunjucks = require(path.join(root, 'nunjucks'))
const mojFilters = require(path.join(root, '@ministryofjustice', 'frontend', 'moj', 'filters', 'all.js'))

const env = new nunjucks.Environment(
  new nunjucks.FileSystemLoader([
    path.join(root, '@ministryofjustice', 'frontend'),
    path.join(root, 'govuk-frontend', 'dist')
  ]),
  { autoescape: true }
)
for (const [name, filter] of Object.entries(mojFilters())) {
  env.addFilter(name, filter)
}

let input = ''
process.stdin.setEncoding('utf8')
process.stdin.on('data', (chunk) => { input += chunk })
process.stdin.on('end', () => {
  const rendered = JSON.parse(input).map(({ component, macro, params }) =>
    env.renderString(
      `{% from "moj/components/${component}/macro.njk" import ${macro} %}{{ ${macro}(params) }}`,
      { params }
    )
  )
  process.stdout.write(JSON.stringify(rendered))
})
