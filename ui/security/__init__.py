"""Login, first-start and idle-lock widgets over :class:`gridkeeper.services.accounts.AccountService`."""
