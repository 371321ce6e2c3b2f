/* schema_ref.h: the schema xj makes, one object a line (store_schema.c).
 * Made by `make schema-ref` (tests/tools/xj-schemaref.c): do not edit. */
static const char *const xj_schema_ref[] = {
	"index\taudit_student\tCREATE INDEX audit_student ON audit(student_id)",
	"index\tcert_event_cert\tCREATE INDEX cert_event_cert ON cert_event(cert_id)",
	"index\tcertificate_student\tCREATE INDEX certificate_student ON certificate(student_id)",
	"index\tchange_event_request\tCREATE INDEX change_event_request ON change_event(request_id)",
	"index\tchange_student\tCREATE INDEX change_student ON change_request(student_id)",
	"index\tfreeze_student\tCREATE INDEX freeze_student ON freeze(student_id)",
	"index\tholding_event_student\tCREATE INDEX holding_event_student ON holding_event(student_id)",
	"index\tholding_sha\tCREATE INDEX holding_sha ON holding(sha256)",
	"index\tholding_student\tCREATE INDEX holding_student ON holding(student_id)",
	"index\timport_digest_import\tCREATE INDEX import_digest_import ON import_digest(import_id)",
	"index\tname_form_student\tCREATE INDEX name_form_student ON name_form(student_id, system)",
	"index\tphoto_check_student\tCREATE INDEX photo_check_student ON photo_check(student_id, pair)",
	"index\treg_hold_student\tCREATE INDEX reg_hold_student ON reg_hold(student_id, year)",
	"index\tregistration_student\tCREATE INDEX registration_student ON registration(student_id, kind, ye"
	"ar)",
	"index\treview_student\tCREATE INDEX review_student ON review(student_id, stage)",
	"index\trow_log_row\tCREATE INDEX row_log_row ON row_log(tbl, rid)",
	"index\tsource_row_student\tCREATE INDEX source_row_student ON source_row(student_id, source)",
	"index\tstatus_student\tCREATE INDEX status_student ON status(student_id)",
	"index\tstudent_exam_no\tCREATE UNIQUE INDEX student_exam_no ON student(exam_no)",
	"index\tstudent_id_number\tCREATE UNIQUE INDEX student_id_number ON student(id_number)",
	"index\tstudent_student_no\tCREATE UNIQUE INDEX student_student_no ON student(student_no) WHERE stud"
	"ent_no IS NOT NULL",
	"table\tarchive_item\tCREATE TABLE archive_item(config_id INTEGER NOT NULL REFERENCES config_load(id"
	"),  seq INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY(config_id, seq))",
	"table\taudit\tCREATE TABLE audit(id INTEGER PRIMARY KEY,  command_id INTEGER NOT NULL REFERENCES co"
	"mmand(id),  student_id INTEGER REFERENCES student(id), action TEXT NOT NULL,  old TEXT, new TEXT"
	", prev_hash TEXT NOT NULL, hash TEXT NOT NULL)",
	"table\tcase_event\tCREATE TABLE case_event(id INTEGER PRIMARY KEY,  case_id INTEGER NOT NULL REFERE"
	"NCES case_file(id), kind TEXT NOT NULL,  text TEXT, by_whom TEXT NOT NULL, on_date TEXT NOT NULL"
	",  command_id INTEGER NOT NULL REFERENCES command(id))",
	"table\tcase_file\tCREATE TABLE case_file(id INTEGER PRIMARY KEY,  student_id INTEGER NOT NULL REFER"
	"ENCES student(id), reason TEXT NOT NULL,  opened_by TEXT NOT NULL, opened_on TEXT NOT NULL,  com"
	"mand_id INTEGER NOT NULL REFERENCES command(id))",
	"table\tcert_event\tCREATE TABLE cert_event(id INTEGER PRIMARY KEY,  cert_id INTEGER NOT NULL REFERE"
	"NCES certificate(id), kind TEXT NOT NULL, text TEXT,  by_whom TEXT NOT NULL, on_date TEXT NOT NU"
	"LL,  command_id INTEGER NOT NULL REFERENCES command(id))",
	"table\tcertificate\tCREATE TABLE certificate(id INTEGER PRIMARY KEY,  student_id INTEGER NOT NULL R"
	"EFERENCES student(id), kind TEXT NOT NULL,  conclusion TEXT NOT NULL, number TEXT UNIQUE, issued"
	"_on TEXT NOT NULL,  original_id INTEGER REFERENCES certificate(id), principal TEXT, reason TEXT,"
	"  applied_on TEXT, command_id INTEGER NOT NULL REFERENCES command(id))",
	"table\tchange_event\tCREATE TABLE change_event(id INTEGER PRIMARY KEY,  request_id INTEGER NOT NULL"
	" REFERENCES change_request(id), kind TEXT NOT NULL,  by_whom TEXT NOT NULL, text TEXT, on_date T"
	"EXT NOT NULL,  command_id INTEGER NOT NULL REFERENCES command(id),  audit_id INTEGER NOT NULL RE"
	"FERENCES audit(id))",
	"table\tchange_file\tCREATE TABLE change_file(id INTEGER PRIMARY KEY,  request_id INTEGER NOT NULL R"
	"EFERENCES change_request(id), name TEXT NOT NULL,  sha256 TEXT NOT NULL, size INTEGER NOT NULL, "
	"data BLOB NOT NULL,  command_id INTEGER NOT NULL REFERENCES command(id))",
	"table\tchange_request\tCREATE TABLE change_request(id INTEGER PRIMARY KEY,  student_id INTEGER NOT "
	"NULL REFERENCES student(id), kind TEXT NOT NULL,  old TEXT NOT NULL, new TEXT NOT NULL, evidence"
	" TEXT NOT NULL, required TEXT NOT NULL,  register_shows INTEGER NOT NULL, levels TEXT NOT NULL, "
	"filing INTEGER NOT NULL,  note TEXT, origin TEXT, requested_by TEXT NOT NULL, requested_on TEXT "
	"NOT NULL,  command_id INTEGER NOT NULL REFERENCES command(id),  audit_id INTEGER NOT NULL REFERE"
	"NCES audit(id))",
	"table\tcohort\tCREATE TABLE cohort(config_id INTEGER NOT NULL REFERENCES config_load(id),  cohort I"
	"NTEGER NOT NULL, enrol_date TEXT NOT NULL,  PRIMARY KEY(config_id, cohort))",
	"table\tcommand\tCREATE TABLE command(id INTEGER PRIMARY KEY, at TEXT NOT NULL,  login TEXT NOT NULL"
	", user TEXT, program TEXT NOT NULL, args TEXT NOT NULL, business TEXT)",
	"table\tcommand_sig\tCREATE TABLE command_sig(command_id INTEGER PRIMARY KEY REFERENCES command(id),"
	"  signer TEXT, public_key TEXT NOT NULL, last_entry INTEGER NOT NULL,  hash TEXT NOT NULL, signa"
	"ture TEXT NOT NULL)",
	"table\tconfig_load\tCREATE TABLE config_load(id INTEGER PRIMARY KEY,  command_id INTEGER NOT NULL R"
	"EFERENCES command(id), file TEXT NOT NULL,  text TEXT NOT NULL, school_name TEXT, school_code TE"
	"XT,  recheck_months INTEGER NOT NULL, annual_months INTEGER NOT NULL,  change_evidence TEXT NOT "
	"NULL, change_levels TEXT NOT NULL,  status_levels TEXT NOT NULL, change_apart INTEGER NOT NULL, "
	" number_pattern TEXT NOT NULL, principal TEXT, cert_type TEXT NOT NULL,  cert_level TEXT NOT NUL"
	"L, proof_pattern TEXT NOT NULL, archive_root TEXT,  lend_days INTEGER NOT NULL, archive_kinds TE"
	"XT NOT NULL)",
	"table\tconfig_proposal\tCREATE TABLE config_proposal(id INTEGER PRIMARY KEY,  command_id INTEGER NO"
	"T NULL REFERENCES command(id), base_config INTEGER,  file TEXT NOT NULL, text TEXT NOT NULL, sha"
	"256 TEXT NOT NULL,  proposed_by TEXT NOT NULL, why TEXT NOT NULL,  approved_command INTEGER REFE"
	"RENCES command(id), approved_by TEXT)",
	"table\tdecision_sig\tCREATE TABLE decision_sig(audit_id INTEGER PRIMARY KEY REFERENCES audit(id),  "
	"signer TEXT NOT NULL, public_key TEXT NOT NULL, signature TEXT NOT NULL, statement TEXT)",
	"table\tdepartment\tCREATE TABLE department(config_id INTEGER NOT NULL REFERENCES config_load(id),  "
	"code TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY(config_id, code))",
	"table\tfixity\tCREATE TABLE fixity(id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL, result TEXT NOT NU"
	"LL,  on_date TEXT NOT NULL, command_id INTEGER NOT NULL REFERENCES command(id))",
	"table\tfreeze\tCREATE TABLE freeze(id INTEGER PRIMARY KEY,  student_id INTEGER NOT NULL REFERENCES "
	"student(id), since TEXT NOT NULL,  reason TEXT NOT NULL, command_id INTEGER NOT NULL REFERENCES "
	"command(id))",
	"table\tholding\tCREATE TABLE holding(id INTEGER PRIMARY KEY,  student_id INTEGER NOT NULL REFERENCE"
	"S student(id), kind TEXT NOT NULL,  paper INTEGER NOT NULL, location TEXT, sha256 TEXT, size INT"
	"EGER, media TEXT,  name TEXT, by_whom TEXT NOT NULL, on_date TEXT NOT NULL,  command_id INTEGER "
	"NOT NULL REFERENCES command(id))",
	"table\tholding_event\tCREATE TABLE holding_event(id INTEGER PRIMARY KEY,  student_id INTEGER NOT NU"
	"LL REFERENCES student(id),  holding_id INTEGER REFERENCES holding(id), kind TEXT NOT NULL, to_wh"
	"om TEXT,  text TEXT, due TEXT, by_whom TEXT NOT NULL, on_date TEXT NOT NULL,  command_id INTEGER"
	" NOT NULL REFERENCES command(id))",
	"table\timport\tCREATE TABLE import(id INTEGER PRIMARY KEY,  command_id INTEGER NOT NULL REFERENCES "
	"command(id), source TEXT NOT NULL,  file TEXT NOT NULL, encoding TEXT NOT NULL, sha256 TEXT,  ro"
	"ws_read INTEGER, rows_imported INTEGER, rows_unchanged INTEGER,  rows_refused INTEGER)",
	"table\timport_digest\tCREATE TABLE import_digest(id INTEGER PRIMARY KEY,  import_id INTEGER NOT NUL"
	"L REFERENCES import(id), digests BLOB NOT NULL)",
	"table\tmeta\tCREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
	"table\tmigration\tCREATE TABLE migration(id INTEGER PRIMARY KEY, from_version INTEGER NOT NULL,  to"
	"_version INTEGER NOT NULL, backup TEXT NOT NULL, backup_sha256 TEXT NOT NULL,  xj_version TEXT N"
	"OT NULL, command_id INTEGER NOT NULL REFERENCES command(id))",
	"table\tname_form\tCREATE TABLE name_form(id INTEGER PRIMARY KEY,  student_id INTEGER NOT NULL REFER"
	"ENCES student(id), system TEXT NOT NULL,  name TEXT NOT NULL, proof TEXT NOT NULL,  command_id I"
	"NTEGER NOT NULL REFERENCES command(id))",
	"table\tnumber_seq\tCREATE TABLE number_seq(prefix TEXT PRIMARY KEY, last INTEGER NOT NULL)",
	"table\tphoto_check\tCREATE TABLE photo_check(id INTEGER PRIMARY KEY,  student_id INTEGER NOT NULL R"
	"EFERENCES student(id), pair TEXT NOT NULL,  result TEXT NOT NULL, score TEXT, source TEXT NOT NU"
	"LL, checked_on TEXT NOT NULL,  command_id INTEGER NOT NULL REFERENCES command(id))",
	"table\treg_hold\tCREATE TABLE reg_hold(id INTEGER PRIMARY KEY,  student_id INTEGER NOT NULL REFEREN"
	"CES student(id), year INTEGER NOT NULL,  kind TEXT NOT NULL, reason TEXT NOT NULL,  command_id I"
	"NTEGER NOT NULL REFERENCES command(id))",
	"table\tregistration\tCREATE TABLE registration(id INTEGER PRIMARY KEY,  student_id INTEGER NOT NULL"
	" REFERENCES student(id), kind TEXT NOT NULL,  year INTEGER NOT NULL, state TEXT NOT NULL, reason"
	" TEXT,  late INTEGER NOT NULL DEFAULT 0, on_date TEXT NOT NULL,  submission_id INTEGER REFERENCE"
	"S submission(id),  command_id INTEGER NOT NULL REFERENCES command(id))",
	"table\treview\tCREATE TABLE review(id INTEGER PRIMARY KEY,  student_id INTEGER NOT NULL REFERENCES "
	"student(id), stage TEXT NOT NULL,  result TEXT NOT NULL, items TEXT NOT NULL, note TEXT, reviewe"
	"r TEXT NOT NULL,  command_id INTEGER NOT NULL REFERENCES command(id),  audit_id INTEGER NOT NULL"
	" REFERENCES audit(id))",
	"table\trow_log\tCREATE TABLE row_log(id INTEGER PRIMARY KEY,  command_id INTEGER NOT NULL REFERENCE"
	"S command(id), tbl TEXT NOT NULL,  rid NOT NULL, row TEXT)",
	"table\tsignoff\tCREATE TABLE signoff(id INTEGER PRIMARY KEY,  review_id INTEGER NOT NULL REFERENCES"
	" review(id), level TEXT NOT NULL,  signer TEXT NOT NULL, command_id INTEGER NOT NULL REFERENCES "
	"command(id),  audit_id INTEGER NOT NULL REFERENCES audit(id), UNIQUE(review_id, level))",
	"table\tsource_row\tCREATE TABLE source_row(id INTEGER PRIMARY KEY,  import_id INTEGER NOT NULL REFE"
	"RENCES import(id), line INTEGER NOT NULL,  source TEXT NOT NULL, student_id INTEGER REFERENCES s"
	"tudent(id),  data TEXT NOT NULL)",
	"table\tstaff\tCREATE TABLE staff(config_id INTEGER NOT NULL REFERENCES config_load(id),  name TEXT "
	"NOT NULL, full_name TEXT, dept TEXT, roles TEXT NOT NULL, public_key TEXT,  PRIMARY KEY(config_i"
	"d, name))",
	"table\tstatus\tCREATE TABLE status(id INTEGER PRIMARY KEY,  student_id INTEGER NOT NULL REFERENCES "
	"student(id), status TEXT NOT NULL,  since TEXT NOT NULL, command_id INTEGER NOT NULL REFERENCES "
	"command(id))",
	"table\tstudent\tCREATE TABLE \"student\"(id INTEGER PRIMARY KEY,  exam_no TEXT NOT NULL, student_no T"
	"EXT, id_number TEXT,  name TEXT NOT NULL, gender TEXT, birth_date TEXT, ethnicity TEXT,  ethnici"
	"ty_code TEXT, political TEXT, major_code TEXT, major_name TEXT,  level TEXT, duration TEXT, stud"
	"y_mode TEXT, enrol_date TEXT, dept TEXT,  class TEXT, batch TEXT, admission_type TEXT, origin TE"
	"XT, phone TEXT,  address TEXT, notice_no TEXT, id_type TEXT NOT NULL, id_number_original TEXT,  "
	"cohort INTEGER NOT NULL)",
	"table\tsubmission\tCREATE TABLE submission(id INTEGER PRIMARY KEY, kind TEXT NOT NULL,  year INTEGE"
	"R NOT NULL, file TEXT NOT NULL, sha256 TEXT NOT NULL, rows INTEGER NOT NULL,  command_id INTEGER"
	" NOT NULL REFERENCES command(id))",
	"table\tterm\tCREATE TABLE term(config_id INTEGER NOT NULL REFERENCES config_load(id),  year INTEGER"
	" NOT NULL, first_term_start TEXT NOT NULL,  PRIMARY KEY(config_id, year))",
	"trigger\tarchive_item_no_delete\tCREATE TRIGGER archive_item_no_delete BEFORE DELETE ON archive_ite"
	"m BEGIN SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\taudit_no_delete\tCREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE("
	"ABORT, 'nothing is deleted from the store'); END",
	"trigger\taudit_no_update\tCREATE TRIGGER audit_no_update BEFORE UPDATE ON audit  BEGIN SELECT RAISE"
	"(ABORT, 'audit entries are never changed'); END",
	"trigger\tcase_event_no_delete\tCREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event BEGI"
	"N SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tcase_event_no_update\tCREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event  BEG"
	"IN SELECT RAISE(ABORT, 'case events are never changed'); END",
	"trigger\tcase_file_no_delete\tCREATE TRIGGER case_file_no_delete BEFORE DELETE ON case_file BEGIN S"
	"ELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tcase_no_update\tCREATE TRIGGER case_no_update BEFORE UPDATE ON case_file  BEGIN SELECT RAI"
	"SE(ABORT, 'cases are never changed'); END",
	"trigger\tcert_event_no_delete\tCREATE TRIGGER cert_event_no_delete BEFORE DELETE ON cert_event BEGI"
	"N SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tcert_event_no_update\tCREATE TRIGGER cert_event_no_update BEFORE UPDATE ON cert_event  BEG"
	"IN SELECT RAISE(ABORT, 'certificate events are never changed'); END",
	"trigger\tcertificate_no_delete\tCREATE TRIGGER certificate_no_delete BEFORE DELETE ON certificate B"
	"EGIN SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tcertificate_no_update\tCREATE TRIGGER certificate_no_update BEFORE UPDATE ON certificate  "
	"BEGIN SELECT RAISE(ABORT, 'certificates are never changed'); END",
	"trigger\tchange_event_no_delete\tCREATE TRIGGER change_event_no_delete BEFORE DELETE ON change_even"
	"t BEGIN SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tchange_event_no_update\tCREATE TRIGGER change_event_no_update BEFORE UPDATE ON change_even"
	"t  BEGIN SELECT RAISE(ABORT, 'change events are never changed'); END",
	"trigger\tchange_file_no_delete\tCREATE TRIGGER change_file_no_delete BEFORE DELETE ON change_file B"
	"EGIN SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tchange_file_no_update\tCREATE TRIGGER change_file_no_update BEFORE UPDATE ON change_file  "
	"BEGIN SELECT RAISE(ABORT, 'evidence files are never changed'); END",
	"trigger\tchange_no_update\tCREATE TRIGGER change_no_update BEFORE UPDATE ON change_request  BEGIN S"
	"ELECT RAISE(ABORT, 'change requests are never changed'); END",
	"trigger\tchange_request_no_delete\tCREATE TRIGGER change_request_no_delete BEFORE DELETE ON change_"
	"request BEGIN SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tcohort_no_delete\tCREATE TRIGGER cohort_no_delete BEFORE DELETE ON cohort BEGIN SELECT RAI"
	"SE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tcommand_no_delete\tCREATE TRIGGER command_no_delete BEFORE DELETE ON command BEGIN SELECT "
	"RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tcommand_no_update\tCREATE TRIGGER command_no_update BEFORE UPDATE ON command  BEGIN SELECT"
	" RAISE(ABORT, 'commands are never changed'); END",
	"trigger\tcommand_sig_no_delete\tCREATE TRIGGER command_sig_no_delete BEFORE DELETE ON command_sig B"
	"EGIN SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tconfig_load_no_delete\tCREATE TRIGGER config_load_no_delete BEFORE DELETE ON config_load B"
	"EGIN SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tconfig_proposal_no_delete\tCREATE TRIGGER config_proposal_no_delete BEFORE DELETE ON confi"
	"g_proposal  BEGIN SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tconfig_proposal_once\tCREATE TRIGGER config_proposal_once BEFORE UPDATE ON config_proposal"
	"  WHEN OLD.approved_command IS NOT NULL OR NEW.text IS NOT OLD.text    OR NEW.sha256 IS NOT OLD."
	"sha256 OR NEW.proposed_by IS NOT OLD.proposed_by  BEGIN SELECT RAISE(ABORT, 'config proposals ar"
	"e never changed'); END",
	"trigger\tdecision_sig_no_delete\tCREATE TRIGGER decision_sig_no_delete BEFORE DELETE ON decision_si"
	"g BEGIN SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tdecision_sig_no_update\tCREATE TRIGGER decision_sig_no_update BEFORE UPDATE ON decision_si"
	"g  BEGIN SELECT RAISE(ABORT, 'signatures are never changed'); END",
	"trigger\tdepartment_no_delete\tCREATE TRIGGER department_no_delete BEFORE DELETE ON department BEGI"
	"N SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tfixity_no_delete\tCREATE TRIGGER fixity_no_delete BEFORE DELETE ON fixity BEGIN SELECT RAI"
	"SE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tfixity_no_update\tCREATE TRIGGER fixity_no_update BEFORE UPDATE ON fixity  BEGIN SELECT RA"
	"ISE(ABORT, 'fixity checks are never changed'); END",
	"trigger\tform_no_update\tCREATE TRIGGER form_no_update BEFORE UPDATE ON name_form  BEGIN SELECT RAI"
	"SE(ABORT, 'reported names are never changed'); END",
	"trigger\tfreeze_no_delete\tCREATE TRIGGER freeze_no_delete BEFORE DELETE ON freeze BEGIN SELECT RAI"
	"SE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tfreeze_no_update\tCREATE TRIGGER freeze_no_update BEFORE UPDATE ON freeze  BEGIN SELECT RA"
	"ISE(ABORT, 'freezes are never changed'); END",
	"trigger\thold_no_update\tCREATE TRIGGER hold_no_update BEFORE UPDATE ON reg_hold  BEGIN SELECT RAIS"
	"E(ABORT, 'holds are never changed'); END",
	"trigger\tholding_event_no_delete\tCREATE TRIGGER holding_event_no_delete BEFORE DELETE ON holding_e"
	"vent BEGIN SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tholding_event_no_update\tCREATE TRIGGER holding_event_no_update BEFORE UPDATE ON holding_e"
	"vent  BEGIN SELECT RAISE(ABORT, 'archive steps are never changed'); END",
	"trigger\tholding_no_delete\tCREATE TRIGGER holding_no_delete BEFORE DELETE ON holding BEGIN SELECT "
	"RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tholding_no_update\tCREATE TRIGGER holding_no_update BEFORE UPDATE ON holding  BEGIN SELECT"
	" RAISE(ABORT, 'archive holdings are never changed'); END",
	"trigger\timport_digest_no_delete\tCREATE TRIGGER import_digest_no_delete BEFORE DELETE ON import_di"
	"gest  BEGIN SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\timport_digest_no_update\tCREATE TRIGGER import_digest_no_update BEFORE UPDATE ON import_di"
	"gest  BEGIN SELECT RAISE(ABORT, 'import digests are never changed'); END",
	"trigger\timport_no_delete\tCREATE TRIGGER import_no_delete BEFORE DELETE ON import BEGIN SELECT RAI"
	"SE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tmeta_no_delete\tCREATE TRIGGER meta_no_delete BEFORE DELETE ON meta BEGIN SELECT RAISE(ABO"
	"RT, 'nothing is deleted from the store'); END",
	"trigger\tmigration_no_delete\tCREATE TRIGGER migration_no_delete BEFORE DELETE ON migration  BEGIN "
	"SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tmigration_no_update\tCREATE TRIGGER migration_no_update BEFORE UPDATE ON migration  BEGIN "
	"SELECT RAISE(ABORT, 'migrations are never changed'); END",
	"trigger\tname_form_no_delete\tCREATE TRIGGER name_form_no_delete BEFORE DELETE ON name_form BEGIN S"
	"ELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tnumber_seq_back\tCREATE TRIGGER number_seq_back BEFORE UPDATE ON number_seq WHEN NEW.last "
	"< OLD.last  BEGIN SELECT RAISE(ABORT, 'a student number is never given twice'); END",
	"trigger\tnumber_seq_no_delete\tCREATE TRIGGER number_seq_no_delete BEFORE DELETE ON number_seq BEGI"
	"N SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tphoto_check_no_delete\tCREATE TRIGGER photo_check_no_delete BEFORE DELETE ON photo_check B"
	"EGIN SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tphoto_no_update\tCREATE TRIGGER photo_no_update BEFORE UPDATE ON photo_check  BEGIN SELECT"
	" RAISE(ABORT, 'photo checks are never changed'); END",
	"trigger\treg_hold_no_delete\tCREATE TRIGGER reg_hold_no_delete BEFORE DELETE ON reg_hold BEGIN SELE"
	"CT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tregistration_no_delete\tCREATE TRIGGER registration_no_delete BEFORE DELETE ON registratio"
	"n BEGIN SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tregistration_no_update\tCREATE TRIGGER registration_no_update BEFORE UPDATE ON registratio"
	"n  BEGIN SELECT RAISE(ABORT, 'registrations are never changed'); END",
	"trigger\treview_no_delete\tCREATE TRIGGER review_no_delete BEFORE DELETE ON review BEGIN SELECT RAI"
	"SE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\treview_no_update\tCREATE TRIGGER review_no_update BEFORE UPDATE ON review  BEGIN SELECT RA"
	"ISE(ABORT, 'reviews are never changed'); END",
	"trigger\trow_log_no_delete\tCREATE TRIGGER row_log_no_delete BEFORE DELETE ON row_log  BEGIN SELECT"
	" RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\trow_log_no_update\tCREATE TRIGGER row_log_no_update BEFORE UPDATE ON row_log  BEGIN SELECT"
	" RAISE(ABORT, 'the row log is never changed'); END",
	"trigger\tsig_no_update\tCREATE TRIGGER sig_no_update BEFORE UPDATE ON command_sig  BEGIN SELECT RAI"
	"SE(ABORT, 'signatures are never changed'); END",
	"trigger\tsignoff_no_delete\tCREATE TRIGGER signoff_no_delete BEFORE DELETE ON signoff BEGIN SELECT "
	"RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tsignoff_no_update\tCREATE TRIGGER signoff_no_update BEFORE UPDATE ON signoff  BEGIN SELECT"
	" RAISE(ABORT, 'sign-offs are never changed'); END",
	"trigger\tsource_no_update\tCREATE TRIGGER source_no_update BEFORE UPDATE ON source_row  BEGIN SELEC"
	"T RAISE(ABORT, 'source rows are never changed'); END",
	"trigger\tsource_row_no_delete\tCREATE TRIGGER source_row_no_delete BEFORE DELETE ON source_row BEGI"
	"N SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tstaff_no_delete\tCREATE TRIGGER staff_no_delete BEFORE DELETE ON staff BEGIN SELECT RAISE("
	"ABORT, 'nothing is deleted from the store'); END",
	"trigger\tstatus_no_delete\tCREATE TRIGGER status_no_delete BEFORE DELETE ON status BEGIN SELECT RAI"
	"SE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tstatus_no_update\tCREATE TRIGGER status_no_update BEFORE UPDATE ON status  BEGIN SELECT RA"
	"ISE(ABORT, 'statuses are never changed'); END",
	"trigger\tstudent_no_delete\tCREATE TRIGGER student_no_delete BEFORE DELETE ON student BEGIN SELECT "
	"RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tsubmission_no_delete\tCREATE TRIGGER submission_no_delete BEFORE DELETE ON submission BEGI"
	"N SELECT RAISE(ABORT, 'nothing is deleted from the store'); END",
	"trigger\tsubmission_no_update\tCREATE TRIGGER submission_no_update BEFORE UPDATE ON submission  BEG"
	"IN SELECT RAISE(ABORT, 'submissions are never changed'); END",
	"trigger\tterm_no_delete\tCREATE TRIGGER term_no_delete BEFORE DELETE ON term BEGIN SELECT RAISE(ABO"
	"RT, 'nothing is deleted from the store'); END",
	"trigger\txj_row_archive_item_d\tCREATE TRIGGER xj_row_archive_item_d AFTER DELETE ON archive_item B"
	"EGIN INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'archi"
	"ve_item', json_array(OLD.config_id, OLD.seq), NULL); END",
	"trigger\txj_row_archive_item_i\tCREATE TRIGGER xj_row_archive_item_i AFTER INSERT ON archive_item B"
	"EGIN INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'archi"
	"ve_item', json_array(NEW.config_id, NEW.seq), json_object('config_id', NEW.config_id, 'seq', NEW"
	".seq, 'name', NEW.name)); END",
	"trigger\txj_row_archive_item_u\tCREATE TRIGGER xj_row_archive_item_u AFTER UPDATE ON archive_item B"
	"EGIN INSERT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'archi"
	"ve_item', json_array(OLD.config_id, OLD.seq), NULL WHERE json_array(OLD.config_id, OLD.seq) IS N"
	"OT json_array(NEW.config_id, NEW.seq); INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SE"
	"LECT max(id) FROM command), 'archive_item', json_array(NEW.config_id, NEW.seq), json_object('con"
	"fig_id', NEW.config_id, 'seq', NEW.seq, 'name', NEW.name)); END",
	"trigger\txj_row_case_event_d\tCREATE TRIGGER xj_row_case_event_d AFTER DELETE ON case_event BEGIN I"
	"NSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'case_event'"
	", OLD.id, NULL); END",
	"trigger\txj_row_case_event_i\tCREATE TRIGGER xj_row_case_event_i AFTER INSERT ON case_event BEGIN I"
	"NSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'case_event'"
	", NEW.id, json_object('id', NEW.id, 'case_id', NEW.case_id, 'kind', NEW.kind, 'text', NEW.text, "
	"'by_whom', NEW.by_whom, 'on_date', NEW.on_date, 'command_id', NEW.command_id)); END",
	"trigger\txj_row_case_event_u\tCREATE TRIGGER xj_row_case_event_u AFTER UPDATE ON case_event BEGIN I"
	"NSERT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'case_event'"
	", OLD.id, NULL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VALUES"
	"((SELECT max(id) FROM command), 'case_event', NEW.id, json_object('id', NEW.id, 'case_id', NEW.c"
	"ase_id, 'kind', NEW.kind, 'text', NEW.text, 'by_whom', NEW.by_whom, 'on_date', NEW.on_date, 'com"
	"mand_id', NEW.command_id)); END",
	"trigger\txj_row_case_file_d\tCREATE TRIGGER xj_row_case_file_d AFTER DELETE ON case_file BEGIN INSE"
	"RT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'case_file', OL"
	"D.id, NULL); END",
	"trigger\txj_row_case_file_i\tCREATE TRIGGER xj_row_case_file_i AFTER INSERT ON case_file BEGIN INSE"
	"RT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'case_file', NE"
	"W.id, json_object('id', NEW.id, 'student_id', NEW.student_id, 'reason', NEW.reason, 'opened_by',"
	" NEW.opened_by, 'opened_on', NEW.opened_on, 'command_id', NEW.command_id)); END",
	"trigger\txj_row_case_file_u\tCREATE TRIGGER xj_row_case_file_u AFTER UPDATE ON case_file BEGIN INSE"
	"RT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'case_file', OL"
	"D.id, NULL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SE"
	"LECT max(id) FROM command), 'case_file', NEW.id, json_object('id', NEW.id, 'student_id', NEW.stu"
	"dent_id, 'reason', NEW.reason, 'opened_by', NEW.opened_by, 'opened_on', NEW.opened_on, 'command_"
	"id', NEW.command_id)); END",
	"trigger\txj_row_cert_event_d\tCREATE TRIGGER xj_row_cert_event_d AFTER DELETE ON cert_event BEGIN I"
	"NSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'cert_event'"
	", OLD.id, NULL); END",
	"trigger\txj_row_cert_event_i\tCREATE TRIGGER xj_row_cert_event_i AFTER INSERT ON cert_event BEGIN I"
	"NSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'cert_event'"
	", NEW.id, json_object('id', NEW.id, 'cert_id', NEW.cert_id, 'kind', NEW.kind, 'text', NEW.text, "
	"'by_whom', NEW.by_whom, 'on_date', NEW.on_date, 'command_id', NEW.command_id)); END",
	"trigger\txj_row_cert_event_u\tCREATE TRIGGER xj_row_cert_event_u AFTER UPDATE ON cert_event BEGIN I"
	"NSERT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'cert_event'"
	", OLD.id, NULL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VALUES"
	"((SELECT max(id) FROM command), 'cert_event', NEW.id, json_object('id', NEW.id, 'cert_id', NEW.c"
	"ert_id, 'kind', NEW.kind, 'text', NEW.text, 'by_whom', NEW.by_whom, 'on_date', NEW.on_date, 'com"
	"mand_id', NEW.command_id)); END",
	"trigger\txj_row_certificate_d\tCREATE TRIGGER xj_row_certificate_d AFTER DELETE ON certificate BEGI"
	"N INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'certific"
	"ate', OLD.id, NULL); END",
	"trigger\txj_row_certificate_i\tCREATE TRIGGER xj_row_certificate_i AFTER INSERT ON certificate BEGI"
	"N INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'certific"
	"ate', NEW.id, json_object('id', NEW.id, 'student_id', NEW.student_id, 'kind', NEW.kind, 'conclus"
	"ion', NEW.conclusion, 'number', NEW.number, 'issued_on', NEW.issued_on, 'original_id', NEW.origi"
	"nal_id, 'principal', NEW.principal, 'reason', NEW.reason, 'applied_on', NEW.applied_on, 'command"
	"_id', NEW.command_id)); END",
	"trigger\txj_row_certificate_u\tCREATE TRIGGER xj_row_certificate_u AFTER UPDATE ON certificate BEGI"
	"N INSERT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'certific"
	"ate', OLD.id, NULL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VA"
	"LUES((SELECT max(id) FROM command), 'certificate', NEW.id, json_object('id', NEW.id, 'student_id"
	"', NEW.student_id, 'kind', NEW.kind, 'conclusion', NEW.conclusion, 'number', NEW.number, 'issued"
	"_on', NEW.issued_on, 'original_id', NEW.original_id, 'principal', NEW.principal, 'reason', NEW.r"
	"eason, 'applied_on', NEW.applied_on, 'command_id', NEW.command_id)); END",
	"trigger\txj_row_change_event_d\tCREATE TRIGGER xj_row_change_event_d AFTER DELETE ON change_event B"
	"EGIN INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'chang"
	"e_event', OLD.id, NULL); END",
	"trigger\txj_row_change_event_i\tCREATE TRIGGER xj_row_change_event_i AFTER INSERT ON change_event B"
	"EGIN INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'chang"
	"e_event', NEW.id, json_object('id', NEW.id, 'request_id', NEW.request_id, 'kind', NEW.kind, 'by_"
	"whom', NEW.by_whom, 'text', NEW.text, 'on_date', NEW.on_date, 'command_id', NEW.command_id, 'aud"
	"it_id', NEW.audit_id)); END",
	"trigger\txj_row_change_event_u\tCREATE TRIGGER xj_row_change_event_u AFTER UPDATE ON change_event B"
	"EGIN INSERT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'chang"
	"e_event', OLD.id, NULL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row"
	") VALUES((SELECT max(id) FROM command), 'change_event', NEW.id, json_object('id', NEW.id, 'reque"
	"st_id', NEW.request_id, 'kind', NEW.kind, 'by_whom', NEW.by_whom, 'text', NEW.text, 'on_date', N"
	"EW.on_date, 'command_id', NEW.command_id, 'audit_id', NEW.audit_id)); END",
	"trigger\txj_row_change_file_d\tCREATE TRIGGER xj_row_change_file_d AFTER DELETE ON change_file BEGI"
	"N INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'change_f"
	"ile', OLD.id, NULL); END",
	"trigger\txj_row_change_file_i\tCREATE TRIGGER xj_row_change_file_i AFTER INSERT ON change_file BEGI"
	"N INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'change_f"
	"ile', NEW.id, json_object('id', NEW.id, 'request_id', NEW.request_id, 'name', NEW.name, 'sha256'"
	", NEW.sha256, 'size', NEW.size, 'data', length(NEW.data) || ' bytes', 'command_id', NEW.command_"
	"id)); END",
	"trigger\txj_row_change_file_u\tCREATE TRIGGER xj_row_change_file_u AFTER UPDATE ON change_file BEGI"
	"N INSERT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'change_f"
	"ile', OLD.id, NULL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VA"
	"LUES((SELECT max(id) FROM command), 'change_file', NEW.id, json_object('id', NEW.id, 'request_id"
	"', NEW.request_id, 'name', NEW.name, 'sha256', NEW.sha256, 'size', NEW.size, 'data', length(NEW."
	"data) || ' bytes', 'command_id', NEW.command_id)); END",
	"trigger\txj_row_change_request_d\tCREATE TRIGGER xj_row_change_request_d AFTER DELETE ON change_req"
	"uest BEGIN INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), "
	"'change_request', OLD.id, NULL); END",
	"trigger\txj_row_change_request_i\tCREATE TRIGGER xj_row_change_request_i AFTER INSERT ON change_req"
	"uest BEGIN INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), "
	"'change_request', NEW.id, json_object('id', NEW.id, 'student_id', NEW.student_id, 'kind', NEW.ki"
	"nd, 'old', NEW.old, 'new', NEW.new, 'evidence', NEW.evidence, 'required', NEW.required, 'registe"
	"r_shows', NEW.register_shows, 'levels', NEW.levels, 'filing', NEW.filing, 'note', NEW.note, 'ori"
	"gin', NEW.origin, 'requested_by', NEW.requested_by, 'requested_on', NEW.requested_on, 'command_i"
	"d', NEW.command_id, 'audit_id', NEW.audit_id)); END",
	"trigger\txj_row_change_request_u\tCREATE TRIGGER xj_row_change_request_u AFTER UPDATE ON change_req"
	"uest BEGIN INSERT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), "
	"'change_request', OLD.id, NULL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, "
	"rid, row) VALUES((SELECT max(id) FROM command), 'change_request', NEW.id, json_object('id', NEW."
	"id, 'student_id', NEW.student_id, 'kind', NEW.kind, 'old', NEW.old, 'new', NEW.new, 'evidence', "
	"NEW.evidence, 'required', NEW.required, 'register_shows', NEW.register_shows, 'levels', NEW.leve"
	"ls, 'filing', NEW.filing, 'note', NEW.note, 'origin', NEW.origin, 'requested_by', NEW.requested_"
	"by, 'requested_on', NEW.requested_on, 'command_id', NEW.command_id, 'audit_id', NEW.audit_id)); "
	"END",
	"trigger\txj_row_cohort_d\tCREATE TRIGGER xj_row_cohort_d AFTER DELETE ON cohort BEGIN INSERT INTO r"
	"ow_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'cohort', json_array(OLD"
	".config_id, OLD.cohort), NULL); END",
	"trigger\txj_row_cohort_i\tCREATE TRIGGER xj_row_cohort_i AFTER INSERT ON cohort BEGIN INSERT INTO r"
	"ow_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'cohort', json_array(NEW"
	".config_id, NEW.cohort), json_object('config_id', NEW.config_id, 'cohort', NEW.cohort, 'enrol_da"
	"te', NEW.enrol_date)); END",
	"trigger\txj_row_cohort_u\tCREATE TRIGGER xj_row_cohort_u AFTER UPDATE ON cohort BEGIN INSERT INTO r"
	"ow_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'cohort', json_array(OLD"
	".config_id, OLD.cohort), NULL WHERE json_array(OLD.config_id, OLD.cohort) IS NOT json_array(NEW."
	"config_id, NEW.cohort); INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FR"
	"OM command), 'cohort', json_array(NEW.config_id, NEW.cohort), json_object('config_id', NEW.confi"
	"g_id, 'cohort', NEW.cohort, 'enrol_date', NEW.enrol_date)); END",
	"trigger\txj_row_config_load_d\tCREATE TRIGGER xj_row_config_load_d AFTER DELETE ON config_load BEGI"
	"N INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'config_l"
	"oad', OLD.id, NULL); END",
	"trigger\txj_row_config_load_i\tCREATE TRIGGER xj_row_config_load_i AFTER INSERT ON config_load BEGI"
	"N INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'config_l"
	"oad', NEW.id, json_object('id', NEW.id, 'command_id', NEW.command_id, 'file', NEW.file, 'text', "
	"NEW.text, 'school_name', NEW.school_name, 'school_code', NEW.school_code, 'recheck_months', NEW."
	"recheck_months, 'annual_months', NEW.annual_months, 'change_evidence', NEW.change_evidence, 'cha"
	"nge_levels', NEW.change_levels, 'status_levels', NEW.status_levels, 'change_apart', NEW.change_a"
	"part, 'number_pattern', NEW.number_pattern, 'principal', NEW.principal, 'cert_type', NEW.cert_ty"
	"pe, 'cert_level', NEW.cert_level, 'proof_pattern', NEW.proof_pattern, 'archive_root', NEW.archiv"
	"e_root, 'lend_days', NEW.lend_days, 'archive_kinds', NEW.archive_kinds)); END",
	"trigger\txj_row_config_load_u\tCREATE TRIGGER xj_row_config_load_u AFTER UPDATE ON config_load BEGI"
	"N INSERT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'config_l"
	"oad', OLD.id, NULL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VA"
	"LUES((SELECT max(id) FROM command), 'config_load', NEW.id, json_object('id', NEW.id, 'command_id"
	"', NEW.command_id, 'file', NEW.file, 'text', NEW.text, 'school_name', NEW.school_name, 'school_c"
	"ode', NEW.school_code, 'recheck_months', NEW.recheck_months, 'annual_months', NEW.annual_months,"
	" 'change_evidence', NEW.change_evidence, 'change_levels', NEW.change_levels, 'status_levels', NE"
	"W.status_levels, 'change_apart', NEW.change_apart, 'number_pattern', NEW.number_pattern, 'princi"
	"pal', NEW.principal, 'cert_type', NEW.cert_type, 'cert_level', NEW.cert_level, 'proof_pattern', "
	"NEW.proof_pattern, 'archive_root', NEW.archive_root, 'lend_days', NEW.lend_days, 'archive_kinds'"
	", NEW.archive_kinds)); END",
	"trigger\txj_row_config_proposal_d\tCREATE TRIGGER xj_row_config_proposal_d AFTER DELETE ON config_p"
	"roposal BEGIN INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command"
	"), 'config_proposal', OLD.id, NULL); END",
	"trigger\txj_row_config_proposal_i\tCREATE TRIGGER xj_row_config_proposal_i AFTER INSERT ON config_p"
	"roposal BEGIN INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command"
	"), 'config_proposal', NEW.id, json_object('id', NEW.id, 'command_id', NEW.command_id, 'base_conf"
	"ig', NEW.base_config, 'file', NEW.file, 'text', NEW.text, 'sha256', NEW.sha256, 'proposed_by', N"
	"EW.proposed_by, 'why', NEW.why, 'approved_command', NEW.approved_command, 'approved_by', NEW.app"
	"roved_by)); END",
	"trigger\txj_row_config_proposal_u\tCREATE TRIGGER xj_row_config_proposal_u AFTER UPDATE ON config_p"
	"roposal BEGIN INSERT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command"
	"), 'config_proposal', OLD.id, NULL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, t"
	"bl, rid, row) VALUES((SELECT max(id) FROM command), 'config_proposal', NEW.id, json_object('id',"
	" NEW.id, 'command_id', NEW.command_id, 'base_config', NEW.base_config, 'file', NEW.file, 'text',"
	" NEW.text, 'sha256', NEW.sha256, 'proposed_by', NEW.proposed_by, 'why', NEW.why, 'approved_comma"
	"nd', NEW.approved_command, 'approved_by', NEW.approved_by)); END",
	"trigger\txj_row_decision_sig_d\tCREATE TRIGGER xj_row_decision_sig_d AFTER DELETE ON decision_sig B"
	"EGIN INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'decis"
	"ion_sig', OLD.audit_id, NULL); END",
	"trigger\txj_row_decision_sig_i\tCREATE TRIGGER xj_row_decision_sig_i AFTER INSERT ON decision_sig B"
	"EGIN INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'decis"
	"ion_sig', NEW.audit_id, json_object('audit_id', NEW.audit_id, 'signer', NEW.signer, 'public_key'"
	", NEW.public_key, 'signature', NEW.signature, 'statement', NEW.statement)); END",
	"trigger\txj_row_decision_sig_u\tCREATE TRIGGER xj_row_decision_sig_u AFTER UPDATE ON decision_sig B"
	"EGIN INSERT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'decis"
	"ion_sig', OLD.audit_id, NULL WHERE OLD.audit_id IS NOT NEW.audit_id; INSERT INTO row_log(command"
	"_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'decision_sig', NEW.audit_id, json_obj"
	"ect('audit_id', NEW.audit_id, 'signer', NEW.signer, 'public_key', NEW.public_key, 'signature', N"
	"EW.signature, 'statement', NEW.statement)); END",
	"trigger\txj_row_department_d\tCREATE TRIGGER xj_row_department_d AFTER DELETE ON department BEGIN I"
	"NSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'department'"
	", json_array(OLD.config_id, OLD.code), NULL); END",
	"trigger\txj_row_department_i\tCREATE TRIGGER xj_row_department_i AFTER INSERT ON department BEGIN I"
	"NSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'department'"
	", json_array(NEW.config_id, NEW.code), json_object('config_id', NEW.config_id, 'code', NEW.code,"
	" 'name', NEW.name)); END",
	"trigger\txj_row_department_u\tCREATE TRIGGER xj_row_department_u AFTER UPDATE ON department BEGIN I"
	"NSERT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'department'"
	", json_array(OLD.config_id, OLD.code), NULL WHERE json_array(OLD.config_id, OLD.code) IS NOT jso"
	"n_array(NEW.config_id, NEW.code); INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT "
	"max(id) FROM command), 'department', json_array(NEW.config_id, NEW.code), json_object('config_id"
	"', NEW.config_id, 'code', NEW.code, 'name', NEW.name)); END",
	"trigger\txj_row_fixity_d\tCREATE TRIGGER xj_row_fixity_d AFTER DELETE ON fixity BEGIN INSERT INTO r"
	"ow_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'fixity', OLD.id, NULL);"
	" END",
	"trigger\txj_row_fixity_i\tCREATE TRIGGER xj_row_fixity_i AFTER INSERT ON fixity BEGIN INSERT INTO r"
	"ow_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'fixity', NEW.id, json_o"
	"bject('id', NEW.id, 'sha256', NEW.sha256, 'result', NEW.result, 'on_date', NEW.on_date, 'command"
	"_id', NEW.command_id)); END",
	"trigger\txj_row_fixity_u\tCREATE TRIGGER xj_row_fixity_u AFTER UPDATE ON fixity BEGIN INSERT INTO r"
	"ow_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'fixity', OLD.id, NULL W"
	"HERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id)"
	" FROM command), 'fixity', NEW.id, json_object('id', NEW.id, 'sha256', NEW.sha256, 'result', NEW."
	"result, 'on_date', NEW.on_date, 'command_id', NEW.command_id)); END",
	"trigger\txj_row_freeze_d\tCREATE TRIGGER xj_row_freeze_d AFTER DELETE ON freeze BEGIN INSERT INTO r"
	"ow_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'freeze', OLD.id, NULL);"
	" END",
	"trigger\txj_row_freeze_i\tCREATE TRIGGER xj_row_freeze_i AFTER INSERT ON freeze BEGIN INSERT INTO r"
	"ow_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'freeze', NEW.id, json_o"
	"bject('id', NEW.id, 'student_id', NEW.student_id, 'since', NEW.since, 'reason', NEW.reason, 'com"
	"mand_id', NEW.command_id)); END",
	"trigger\txj_row_freeze_u\tCREATE TRIGGER xj_row_freeze_u AFTER UPDATE ON freeze BEGIN INSERT INTO r"
	"ow_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'freeze', OLD.id, NULL W"
	"HERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id)"
	" FROM command), 'freeze', NEW.id, json_object('id', NEW.id, 'student_id', NEW.student_id, 'since"
	"', NEW.since, 'reason', NEW.reason, 'command_id', NEW.command_id)); END",
	"trigger\txj_row_holding_d\tCREATE TRIGGER xj_row_holding_d AFTER DELETE ON holding BEGIN INSERT INT"
	"O row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'holding', OLD.id, NU"
	"LL); END",
	"trigger\txj_row_holding_event_d\tCREATE TRIGGER xj_row_holding_event_d AFTER DELETE ON holding_even"
	"t BEGIN INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'ho"
	"lding_event', OLD.id, NULL); END",
	"trigger\txj_row_holding_event_i\tCREATE TRIGGER xj_row_holding_event_i AFTER INSERT ON holding_even"
	"t BEGIN INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'ho"
	"lding_event', NEW.id, json_object('id', NEW.id, 'student_id', NEW.student_id, 'holding_id', NEW."
	"holding_id, 'kind', NEW.kind, 'to_whom', NEW.to_whom, 'text', NEW.text, 'due', NEW.due, 'by_whom"
	"', NEW.by_whom, 'on_date', NEW.on_date, 'command_id', NEW.command_id)); END",
	"trigger\txj_row_holding_event_u\tCREATE TRIGGER xj_row_holding_event_u AFTER UPDATE ON holding_even"
	"t BEGIN INSERT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'ho"
	"lding_event', OLD.id, NULL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid,"
	" row) VALUES((SELECT max(id) FROM command), 'holding_event', NEW.id, json_object('id', NEW.id, '"
	"student_id', NEW.student_id, 'holding_id', NEW.holding_id, 'kind', NEW.kind, 'to_whom', NEW.to_w"
	"hom, 'text', NEW.text, 'due', NEW.due, 'by_whom', NEW.by_whom, 'on_date', NEW.on_date, 'command_"
	"id', NEW.command_id)); END",
	"trigger\txj_row_holding_i\tCREATE TRIGGER xj_row_holding_i AFTER INSERT ON holding BEGIN INSERT INT"
	"O row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'holding', NEW.id, js"
	"on_object('id', NEW.id, 'student_id', NEW.student_id, 'kind', NEW.kind, 'paper', NEW.paper, 'loc"
	"ation', NEW.location, 'sha256', NEW.sha256, 'size', NEW.size, 'media', NEW.media, 'name', NEW.na"
	"me, 'by_whom', NEW.by_whom, 'on_date', NEW.on_date, 'command_id', NEW.command_id)); END",
	"trigger\txj_row_holding_u\tCREATE TRIGGER xj_row_holding_u AFTER UPDATE ON holding BEGIN INSERT INT"
	"O row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'holding', OLD.id, NU"
	"LL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max"
	"(id) FROM command), 'holding', NEW.id, json_object('id', NEW.id, 'student_id', NEW.student_id, '"
	"kind', NEW.kind, 'paper', NEW.paper, 'location', NEW.location, 'sha256', NEW.sha256, 'size', NEW"
	".size, 'media', NEW.media, 'name', NEW.name, 'by_whom', NEW.by_whom, 'on_date', NEW.on_date, 'co"
	"mmand_id', NEW.command_id)); END",
	"trigger\txj_row_import_d\tCREATE TRIGGER xj_row_import_d AFTER DELETE ON import BEGIN INSERT INTO r"
	"ow_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'import', OLD.id, NULL);"
	" END",
	"trigger\txj_row_import_digest_d\tCREATE TRIGGER xj_row_import_digest_d AFTER DELETE ON import_diges"
	"t BEGIN INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'im"
	"port_digest', OLD.id, NULL); END",
	"trigger\txj_row_import_digest_i\tCREATE TRIGGER xj_row_import_digest_i AFTER INSERT ON import_diges"
	"t BEGIN INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'im"
	"port_digest', NEW.id, json_object('id', NEW.id, 'import_id', NEW.import_id, 'digests', length(NE"
	"W.digests) || ' bytes')); END",
	"trigger\txj_row_import_digest_u\tCREATE TRIGGER xj_row_import_digest_u AFTER UPDATE ON import_diges"
	"t BEGIN INSERT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'im"
	"port_digest', OLD.id, NULL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid,"
	" row) VALUES((SELECT max(id) FROM command), 'import_digest', NEW.id, json_object('id', NEW.id, '"
	"import_id', NEW.import_id, 'digests', length(NEW.digests) || ' bytes')); END",
	"trigger\txj_row_import_i\tCREATE TRIGGER xj_row_import_i AFTER INSERT ON import BEGIN INSERT INTO r"
	"ow_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'import', NEW.id, json_o"
	"bject('id', NEW.id, 'command_id', NEW.command_id, 'source', NEW.source, 'file', NEW.file, 'encod"
	"ing', NEW.encoding, 'sha256', NEW.sha256, 'rows_read', NEW.rows_read, 'rows_imported', NEW.rows_"
	"imported, 'rows_unchanged', NEW.rows_unchanged, 'rows_refused', NEW.rows_refused)); END",
	"trigger\txj_row_import_u\tCREATE TRIGGER xj_row_import_u AFTER UPDATE ON import BEGIN INSERT INTO r"
	"ow_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'import', OLD.id, NULL W"
	"HERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id)"
	" FROM command), 'import', NEW.id, json_object('id', NEW.id, 'command_id', NEW.command_id, 'sourc"
	"e', NEW.source, 'file', NEW.file, 'encoding', NEW.encoding, 'sha256', NEW.sha256, 'rows_read', N"
	"EW.rows_read, 'rows_imported', NEW.rows_imported, 'rows_unchanged', NEW.rows_unchanged, 'rows_re"
	"fused', NEW.rows_refused)); END",
	"trigger\txj_row_meta_d\tCREATE TRIGGER xj_row_meta_d AFTER DELETE ON meta BEGIN INSERT INTO row_log"
	"(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'meta', json_array(OLD.key), N"
	"ULL); END",
	"trigger\txj_row_meta_i\tCREATE TRIGGER xj_row_meta_i AFTER INSERT ON meta BEGIN INSERT INTO row_log"
	"(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'meta', json_array(NEW.key), j"
	"son_object('key', NEW.key, 'value', NEW.value)); END",
	"trigger\txj_row_meta_u\tCREATE TRIGGER xj_row_meta_u AFTER UPDATE ON meta BEGIN INSERT INTO row_log"
	"(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'meta', json_array(OLD.key), N"
	"ULL WHERE json_array(OLD.key) IS NOT json_array(NEW.key); INSERT INTO row_log(command_id, tbl, r"
	"id, row) VALUES((SELECT max(id) FROM command), 'meta', json_array(NEW.key), json_object('key', N"
	"EW.key, 'value', NEW.value)); END",
	"trigger\txj_row_migration_d\tCREATE TRIGGER xj_row_migration_d AFTER DELETE ON migration BEGIN INSE"
	"RT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'migration', OL"
	"D.id, NULL); END",
	"trigger\txj_row_migration_i\tCREATE TRIGGER xj_row_migration_i AFTER INSERT ON migration BEGIN INSE"
	"RT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'migration', NE"
	"W.id, json_object('id', NEW.id, 'from_version', NEW.from_version, 'to_version', NEW.to_version, "
	"'backup', NEW.backup, 'backup_sha256', NEW.backup_sha256, 'xj_version', NEW.xj_version, 'command"
	"_id', NEW.command_id)); END",
	"trigger\txj_row_migration_u\tCREATE TRIGGER xj_row_migration_u AFTER UPDATE ON migration BEGIN INSE"
	"RT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'migration', OL"
	"D.id, NULL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SE"
	"LECT max(id) FROM command), 'migration', NEW.id, json_object('id', NEW.id, 'from_version', NEW.f"
	"rom_version, 'to_version', NEW.to_version, 'backup', NEW.backup, 'backup_sha256', NEW.backup_sha"
	"256, 'xj_version', NEW.xj_version, 'command_id', NEW.command_id)); END",
	"trigger\txj_row_name_form_d\tCREATE TRIGGER xj_row_name_form_d AFTER DELETE ON name_form BEGIN INSE"
	"RT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'name_form', OL"
	"D.id, NULL); END",
	"trigger\txj_row_name_form_i\tCREATE TRIGGER xj_row_name_form_i AFTER INSERT ON name_form BEGIN INSE"
	"RT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'name_form', NE"
	"W.id, json_object('id', NEW.id, 'student_id', NEW.student_id, 'system', NEW.system, 'name', NEW."
	"name, 'proof', NEW.proof, 'command_id', NEW.command_id)); END",
	"trigger\txj_row_name_form_u\tCREATE TRIGGER xj_row_name_form_u AFTER UPDATE ON name_form BEGIN INSE"
	"RT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'name_form', OL"
	"D.id, NULL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SE"
	"LECT max(id) FROM command), 'name_form', NEW.id, json_object('id', NEW.id, 'student_id', NEW.stu"
	"dent_id, 'system', NEW.system, 'name', NEW.name, 'proof', NEW.proof, 'command_id', NEW.command_i"
	"d)); END",
	"trigger\txj_row_number_seq_d\tCREATE TRIGGER xj_row_number_seq_d AFTER DELETE ON number_seq BEGIN I"
	"NSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'number_seq'"
	", json_array(OLD.prefix), NULL); END",
	"trigger\txj_row_number_seq_i\tCREATE TRIGGER xj_row_number_seq_i AFTER INSERT ON number_seq BEGIN I"
	"NSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'number_seq'"
	", json_array(NEW.prefix), json_object('prefix', NEW.prefix, 'last', NEW.last)); END",
	"trigger\txj_row_number_seq_u\tCREATE TRIGGER xj_row_number_seq_u AFTER UPDATE ON number_seq BEGIN I"
	"NSERT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'number_seq'"
	", json_array(OLD.prefix), NULL WHERE json_array(OLD.prefix) IS NOT json_array(NEW.prefix); INSER"
	"T INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'number_seq', js"
	"on_array(NEW.prefix), json_object('prefix', NEW.prefix, 'last', NEW.last)); END",
	"trigger\txj_row_photo_check_d\tCREATE TRIGGER xj_row_photo_check_d AFTER DELETE ON photo_check BEGI"
	"N INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'photo_ch"
	"eck', OLD.id, NULL); END",
	"trigger\txj_row_photo_check_i\tCREATE TRIGGER xj_row_photo_check_i AFTER INSERT ON photo_check BEGI"
	"N INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'photo_ch"
	"eck', NEW.id, json_object('id', NEW.id, 'student_id', NEW.student_id, 'pair', NEW.pair, 'result'"
	", NEW.result, 'score', NEW.score, 'source', NEW.source, 'checked_on', NEW.checked_on, 'command_i"
	"d', NEW.command_id)); END",
	"trigger\txj_row_photo_check_u\tCREATE TRIGGER xj_row_photo_check_u AFTER UPDATE ON photo_check BEGI"
	"N INSERT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'photo_ch"
	"eck', OLD.id, NULL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VA"
	"LUES((SELECT max(id) FROM command), 'photo_check', NEW.id, json_object('id', NEW.id, 'student_id"
	"', NEW.student_id, 'pair', NEW.pair, 'result', NEW.result, 'score', NEW.score, 'source', NEW.sou"
	"rce, 'checked_on', NEW.checked_on, 'command_id', NEW.command_id)); END",
	"trigger\txj_row_reg_hold_d\tCREATE TRIGGER xj_row_reg_hold_d AFTER DELETE ON reg_hold BEGIN INSERT "
	"INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'reg_hold', OLD.id"
	", NULL); END",
	"trigger\txj_row_reg_hold_i\tCREATE TRIGGER xj_row_reg_hold_i AFTER INSERT ON reg_hold BEGIN INSERT "
	"INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'reg_hold', NEW.id"
	", json_object('id', NEW.id, 'student_id', NEW.student_id, 'year', NEW.year, 'kind', NEW.kind, 'r"
	"eason', NEW.reason, 'command_id', NEW.command_id)); END",
	"trigger\txj_row_reg_hold_u\tCREATE TRIGGER xj_row_reg_hold_u AFTER UPDATE ON reg_hold BEGIN INSERT "
	"INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'reg_hold', OLD.id"
	", NULL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT"
	" max(id) FROM command), 'reg_hold', NEW.id, json_object('id', NEW.id, 'student_id', NEW.student_"
	"id, 'year', NEW.year, 'kind', NEW.kind, 'reason', NEW.reason, 'command_id', NEW.command_id)); EN"
	"D",
	"trigger\txj_row_registration_d\tCREATE TRIGGER xj_row_registration_d AFTER DELETE ON registration B"
	"EGIN INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'regis"
	"tration', OLD.id, NULL); END",
	"trigger\txj_row_registration_i\tCREATE TRIGGER xj_row_registration_i AFTER INSERT ON registration B"
	"EGIN INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'regis"
	"tration', NEW.id, json_object('id', NEW.id, 'student_id', NEW.student_id, 'kind', NEW.kind, 'yea"
	"r', NEW.year, 'state', NEW.state, 'reason', NEW.reason, 'late', NEW.late, 'on_date', NEW.on_date"
	", 'submission_id', NEW.submission_id, 'command_id', NEW.command_id)); END",
	"trigger\txj_row_registration_u\tCREATE TRIGGER xj_row_registration_u AFTER UPDATE ON registration B"
	"EGIN INSERT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'regis"
	"tration', OLD.id, NULL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row"
	") VALUES((SELECT max(id) FROM command), 'registration', NEW.id, json_object('id', NEW.id, 'stude"
	"nt_id', NEW.student_id, 'kind', NEW.kind, 'year', NEW.year, 'state', NEW.state, 'reason', NEW.re"
	"ason, 'late', NEW.late, 'on_date', NEW.on_date, 'submission_id', NEW.submission_id, 'command_id'"
	", NEW.command_id)); END",
	"trigger\txj_row_review_d\tCREATE TRIGGER xj_row_review_d AFTER DELETE ON review BEGIN INSERT INTO r"
	"ow_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'review', OLD.id, NULL);"
	" END",
	"trigger\txj_row_review_i\tCREATE TRIGGER xj_row_review_i AFTER INSERT ON review BEGIN INSERT INTO r"
	"ow_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'review', NEW.id, json_o"
	"bject('id', NEW.id, 'student_id', NEW.student_id, 'stage', NEW.stage, 'result', NEW.result, 'ite"
	"ms', NEW.items, 'note', NEW.note, 'reviewer', NEW.reviewer, 'command_id', NEW.command_id, 'audit"
	"_id', NEW.audit_id)); END",
	"trigger\txj_row_review_u\tCREATE TRIGGER xj_row_review_u AFTER UPDATE ON review BEGIN INSERT INTO r"
	"ow_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'review', OLD.id, NULL W"
	"HERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id)"
	" FROM command), 'review', NEW.id, json_object('id', NEW.id, 'student_id', NEW.student_id, 'stage"
	"', NEW.stage, 'result', NEW.result, 'items', NEW.items, 'note', NEW.note, 'reviewer', NEW.review"
	"er, 'command_id', NEW.command_id, 'audit_id', NEW.audit_id)); END",
	"trigger\txj_row_signoff_d\tCREATE TRIGGER xj_row_signoff_d AFTER DELETE ON signoff BEGIN INSERT INT"
	"O row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'signoff', OLD.id, NU"
	"LL); END",
	"trigger\txj_row_signoff_i\tCREATE TRIGGER xj_row_signoff_i AFTER INSERT ON signoff BEGIN INSERT INT"
	"O row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'signoff', NEW.id, js"
	"on_object('id', NEW.id, 'review_id', NEW.review_id, 'level', NEW.level, 'signer', NEW.signer, 'c"
	"ommand_id', NEW.command_id, 'audit_id', NEW.audit_id)); END",
	"trigger\txj_row_signoff_u\tCREATE TRIGGER xj_row_signoff_u AFTER UPDATE ON signoff BEGIN INSERT INT"
	"O row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'signoff', OLD.id, NU"
	"LL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max"
	"(id) FROM command), 'signoff', NEW.id, json_object('id', NEW.id, 'review_id', NEW.review_id, 'le"
	"vel', NEW.level, 'signer', NEW.signer, 'command_id', NEW.command_id, 'audit_id', NEW.audit_id));"
	" END",
	"trigger\txj_row_source_row_d\tCREATE TRIGGER xj_row_source_row_d AFTER DELETE ON source_row BEGIN I"
	"NSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'source_row'"
	", OLD.id, NULL); END",
	"trigger\txj_row_source_row_i\tCREATE TRIGGER xj_row_source_row_i AFTER INSERT ON source_row BEGIN I"
	"NSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'source_row'"
	", NEW.id, json_object('id', NEW.id, 'import_id', NEW.import_id, 'line', NEW.line, 'source', NEW."
	"source, 'student_id', NEW.student_id, 'data', NEW.data)); END",
	"trigger\txj_row_source_row_u\tCREATE TRIGGER xj_row_source_row_u AFTER UPDATE ON source_row BEGIN I"
	"NSERT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'source_row'"
	", OLD.id, NULL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VALUES"
	"((SELECT max(id) FROM command), 'source_row', NEW.id, json_object('id', NEW.id, 'import_id', NEW"
	".import_id, 'line', NEW.line, 'source', NEW.source, 'student_id', NEW.student_id, 'data', NEW.da"
	"ta)); END",
	"trigger\txj_row_staff_d\tCREATE TRIGGER xj_row_staff_d AFTER DELETE ON staff BEGIN INSERT INTO row_"
	"log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'staff', json_array(OLD.con"
	"fig_id, OLD.name), NULL); END",
	"trigger\txj_row_staff_i\tCREATE TRIGGER xj_row_staff_i AFTER INSERT ON staff BEGIN INSERT INTO row_"
	"log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'staff', json_array(NEW.con"
	"fig_id, NEW.name), json_object('config_id', NEW.config_id, 'name', NEW.name, 'full_name', NEW.fu"
	"ll_name, 'dept', NEW.dept, 'roles', NEW.roles, 'public_key', NEW.public_key)); END",
	"trigger\txj_row_staff_u\tCREATE TRIGGER xj_row_staff_u AFTER UPDATE ON staff BEGIN INSERT INTO row_"
	"log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'staff', json_array(OLD.con"
	"fig_id, OLD.name), NULL WHERE json_array(OLD.config_id, OLD.name) IS NOT json_array(NEW.config_i"
	"d, NEW.name); INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command"
	"), 'staff', json_array(NEW.config_id, NEW.name), json_object('config_id', NEW.config_id, 'name',"
	" NEW.name, 'full_name', NEW.full_name, 'dept', NEW.dept, 'roles', NEW.roles, 'public_key', NEW.p"
	"ublic_key)); END",
	"trigger\txj_row_status_d\tCREATE TRIGGER xj_row_status_d AFTER DELETE ON status BEGIN INSERT INTO r"
	"ow_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'status', OLD.id, NULL);"
	" END",
	"trigger\txj_row_status_i\tCREATE TRIGGER xj_row_status_i AFTER INSERT ON status BEGIN INSERT INTO r"
	"ow_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'status', NEW.id, json_o"
	"bject('id', NEW.id, 'student_id', NEW.student_id, 'status', NEW.status, 'since', NEW.since, 'com"
	"mand_id', NEW.command_id)); END",
	"trigger\txj_row_status_u\tCREATE TRIGGER xj_row_status_u AFTER UPDATE ON status BEGIN INSERT INTO r"
	"ow_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'status', OLD.id, NULL W"
	"HERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id)"
	" FROM command), 'status', NEW.id, json_object('id', NEW.id, 'student_id', NEW.student_id, 'statu"
	"s', NEW.status, 'since', NEW.since, 'command_id', NEW.command_id)); END",
	"trigger\txj_row_student_d\tCREATE TRIGGER xj_row_student_d AFTER DELETE ON student BEGIN INSERT INT"
	"O row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'student', OLD.id, NU"
	"LL); END",
	"trigger\txj_row_student_i\tCREATE TRIGGER xj_row_student_i AFTER INSERT ON student BEGIN INSERT INT"
	"O row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'student', NEW.id, js"
	"on_object('id', NEW.id, 'exam_no', NEW.exam_no, 'student_no', NEW.student_no, 'id_number', NEW.i"
	"d_number, 'name', NEW.name, 'gender', NEW.gender, 'birth_date', NEW.birth_date, 'ethnicity', NEW"
	".ethnicity, 'ethnicity_code', NEW.ethnicity_code, 'political', NEW.political, 'major_code', NEW."
	"major_code, 'major_name', NEW.major_name, 'level', NEW.level, 'duration', NEW.duration, 'study_m"
	"ode', NEW.study_mode, 'enrol_date', NEW.enrol_date, 'dept', NEW.dept, 'class', NEW.class, 'batch"
	"', NEW.batch, 'admission_type', NEW.admission_type, 'origin', NEW.origin, 'phone', NEW.phone, 'a"
	"ddress', NEW.address, 'notice_no', NEW.notice_no, 'id_type', NEW.id_type, 'id_number_original', "
	"NEW.id_number_original, 'cohort', NEW.cohort)); END",
	"trigger\txj_row_student_u\tCREATE TRIGGER xj_row_student_u AFTER UPDATE ON student BEGIN INSERT INT"
	"O row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'student', OLD.id, NU"
	"LL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max"
	"(id) FROM command), 'student', NEW.id, json_object('id', NEW.id, 'exam_no', NEW.exam_no, 'studen"
	"t_no', NEW.student_no, 'id_number', NEW.id_number, 'name', NEW.name, 'gender', NEW.gender, 'birt"
	"h_date', NEW.birth_date, 'ethnicity', NEW.ethnicity, 'ethnicity_code', NEW.ethnicity_code, 'poli"
	"tical', NEW.political, 'major_code', NEW.major_code, 'major_name', NEW.major_name, 'level', NEW."
	"level, 'duration', NEW.duration, 'study_mode', NEW.study_mode, 'enrol_date', NEW.enrol_date, 'de"
	"pt', NEW.dept, 'class', NEW.class, 'batch', NEW.batch, 'admission_type', NEW.admission_type, 'or"
	"igin', NEW.origin, 'phone', NEW.phone, 'address', NEW.address, 'notice_no', NEW.notice_no, 'id_t"
	"ype', NEW.id_type, 'id_number_original', NEW.id_number_original, 'cohort', NEW.cohort)); END",
	"trigger\txj_row_submission_d\tCREATE TRIGGER xj_row_submission_d AFTER DELETE ON submission BEGIN I"
	"NSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'submission'"
	", OLD.id, NULL); END",
	"trigger\txj_row_submission_i\tCREATE TRIGGER xj_row_submission_i AFTER INSERT ON submission BEGIN I"
	"NSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'submission'"
	", NEW.id, json_object('id', NEW.id, 'kind', NEW.kind, 'year', NEW.year, 'file', NEW.file, 'sha25"
	"6', NEW.sha256, 'rows', NEW.rows, 'command_id', NEW.command_id)); END",
	"trigger\txj_row_submission_u\tCREATE TRIGGER xj_row_submission_u AFTER UPDATE ON submission BEGIN I"
	"NSERT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'submission'"
	", OLD.id, NULL WHERE OLD.id IS NOT NEW.id; INSERT INTO row_log(command_id, tbl, rid, row) VALUES"
	"((SELECT max(id) FROM command), 'submission', NEW.id, json_object('id', NEW.id, 'kind', NEW.kind"
	", 'year', NEW.year, 'file', NEW.file, 'sha256', NEW.sha256, 'rows', NEW.rows, 'command_id', NEW."
	"command_id)); END",
	"trigger\txj_row_term_d\tCREATE TRIGGER xj_row_term_d AFTER DELETE ON term BEGIN INSERT INTO row_log"
	"(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'term', json_array(OLD.config_"
	"id, OLD.year), NULL); END",
	"trigger\txj_row_term_i\tCREATE TRIGGER xj_row_term_i AFTER INSERT ON term BEGIN INSERT INTO row_log"
	"(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), 'term', json_array(NEW.config_"
	"id, NEW.year), json_object('config_id', NEW.config_id, 'year', NEW.year, 'first_term_start', NEW"
	".first_term_start)); END",
	"trigger\txj_row_term_u\tCREATE TRIGGER xj_row_term_u AFTER UPDATE ON term BEGIN INSERT INTO row_log"
	"(command_id, tbl, rid, row) SELECT (SELECT max(id) FROM command), 'term', json_array(OLD.config_"
	"id, OLD.year), NULL WHERE json_array(OLD.config_id, OLD.year) IS NOT json_array(NEW.config_id, N"
	"EW.year); INSERT INTO row_log(command_id, tbl, rid, row) VALUES((SELECT max(id) FROM command), '"
	"term', json_array(NEW.config_id, NEW.year), json_object('config_id', NEW.config_id, 'year', NEW."
	"year, 'first_term_start', NEW.first_term_start)); END",
	"view\tsource_named\tCREATE VIEW source_named AS SELECT r.id, r.import_id, r.line, r.source, r.stude"
	"nt_id,  CASE WHEN r.data LIKE '[%' THEN (SELECT json_group_object(n.value, v.value)    FROM sour"
	"ce_row h, json_each(h.data) n, json_each(r.data) v    WHERE h.student_id IS NULL AND h.source = "
	"r.source AND h.import_id = r.import_id      AND h.line = 0 AND n.key = v.key) ELSE r.data END AS"
	" data  FROM source_row r  WHERE NOT (r.student_id IS NULL AND r.line = 0 AND r.data LIKE '[%')",
	NULL
};
