const b = require('benny');
// benny's quick example (README), written for these tests. Only the require line changes between
// benny and cyclebench; the last statement prints what the tests check.

module.exports = b.suite(
  'Example',

  b.add('Reduce two elements', () => {
    [1, 2].reduce((a, b) => a + b);
  }),

  b.add('Reduce five elements', () => {
    [1, 2, 3, 4, 5].reduce((a, b) => a + b);
  }),

  b.cycle(),
  b.complete(),
  b.save({ file: 'reduce', version: '1.0.0' }),
  b.save({ file: 'reduce', format: 'chart.html' }),
);

module.exports.then((summary) => {
  const results = summary.results.map(({ details, ...rest }) => ({ ...rest, details: Object.keys(details) }));
  console.log('RESULT ' + JSON.stringify({ name: summary.name, results, fastest: summary.fastest, slowest: summary.slowest }));
});
