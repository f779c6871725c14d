DELETE FROM load_staging
