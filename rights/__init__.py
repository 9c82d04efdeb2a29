"""The citizen's rights and the life of the data (docs/retention.md): access to the file, access
requests and complaints, legal holds and retention. Above reports and notifications, since the
export and the deletion reach every app's records."""
