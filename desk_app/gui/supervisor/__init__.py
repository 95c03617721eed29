"""The supervisor's workspace: queues of the site's dossiers, review by exception, sync health
of every desk, the dashboard and the waiting room."""
