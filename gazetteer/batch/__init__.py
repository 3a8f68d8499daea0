"""Archive-sized geoparsing on Dask: inputs cut into partitions, GeoParquet out.

``inputs`` plans the partitions (folders of ``.txt`` files, JSON Lines,
Parquet) and reads one on a worker; ``outputs`` writes a partition's
mentions, documents and errors, each file atomically, and the places
aggregated at the end; ``run`` submits the partitions to a Dask cluster and
skips those a former run completed; ``results`` reads a finished run back for
``gazetteer ingest --parquet``.
"""
