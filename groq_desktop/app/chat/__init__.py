"""The chat message view: model, delegate, incremental Markdown rendering."""
