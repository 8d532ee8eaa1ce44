"""Modal dialogs: confirmations, errors and the model answer."""
