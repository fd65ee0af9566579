"""The e-invoicing platform's API client: the flows (invoices and their lifecycle
messages), the directory, the client secret in the keyring."""
