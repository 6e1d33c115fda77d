"""Reports: the documents and files Reintegra writes (XLSX, CSV, JSON; PDF later). No Qt here."""
