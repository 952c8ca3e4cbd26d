/** What a new user sends, and how: the exact variables the Cruddur services read. */
export function SendInstructions({ what = 'telemetry' }: { readonly what?: string }) {
  const origin = window.location.origin;
  return (
    <div className="empty-state">
      <h3>No {what} yet</h3>
      <p>
        Start the app with <code>npm start</code>: with no configuration it sends everything here.
        To point any other service at this server, set:
      </p>
      <pre className="code-block">{`# traces and logs (OpenTelemetry, OTLP/HTTP)
OTEL_EXPORTER_OTLP_ENDPOINT=${origin}
OTEL_SERVICE_NAME=my-service

# X-Ray segments (UDP daemon protocol)
AWS_XRAY_DAEMON_ADDRESS=127.0.0.1:2000

# CloudWatch Logs (PutLogEvents)
AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=${origin}
CLOUDWATCH_LOG_GROUP=cruddur

# errors (Rollbar item API)
ROLLBAR_ENDPOINT=${origin}/api/1/item/
ROLLBAR_ACCESS_TOKEN=any-local-token`}</pre>
      <p>
        Or send one span by hand:{' '}
        <code>{`curl -H 'content-type: application/json' -d @span.json ${origin}/v1/traces`}</code>
      </p>
    </div>
  );
}
