INSERT INTO events BY NAME SELECT * FROM load_staging
