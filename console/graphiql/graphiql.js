// The GraphQL IDE for integrators (GraphiQL, served from its npm package), signed in with the console's
// token: every request carries it as the Authorization header, and every subscription in its
// connection_init, so the IDE sees exactly what that token may see. The token is kept out of GraphiQL's
// own header editor, which would save it in the browser's storage.
const token = sessionStorage.getItem('casetrail.token');
const $ = (id) => document.getElementById(id);

const EXAMPLE = `# Every request is sent with the signed-in token. Ctrl-Enter runs; Ctrl-Space completes.
query OpenCases {
  deadlines(first: 5) {
    totalCount
    edges { node { receiptNo window itemName timeLimit { dueDate state workingDaysRemaining } } }
  }
}
`;

function start(signedIn) {
  const authorization = `Bearer ${signedIn}`;
  const fetcher = GraphiQL.createFetcher({
    url: '/graphql',
    headers: { authorization },
    subscriptionUrl: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    wsConnectionParams: { authorization },
  });
  $('graphiql').hidden = false;
  ReactDOM.createRoot($('graphiql')).render(React.createElement(GraphiQL, { fetcher, defaultQuery: EXAMPLE, shouldPersistHeaders: false }));
  document.body.dataset.ready = 'true';
}

$('sign-in').onsubmit = (e) => {
  e.preventDefault();
  const pasted = $('token').value.trim();
  if (!pasted) return;
  sessionStorage.setItem('casetrail.token', pasted);
  $('sign-in').hidden = true;
  start(pasted);
};
if (token) start(token);
else $('sign-in').hidden = false;
