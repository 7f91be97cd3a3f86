//! «Сведения об образовательной организации» (`sveden`): one entry per
//! subsection of `/sveden/` (приказ Рособрнадзора № 1493, п. 6), its id the
//! subsection's address as the Rosobrnadzor recommendations (MR v9) spell it
//! (`common`, `eduStandarts`, `paid_edu`), so the page lands at exactly
//! `/sveden/<id>/`. The fields are the subsections' items; the template marks
//! each value with its MR v9 `itemprop`. What the law requires is checked
//! in [`rules`]: for an educational organisation a missing item is an error
//! unless written as absent («отсутствует», «не предусмотрено», «0»).

pub mod rules;

use super::date::PartialDate;
use super::front::PageFront;
use super::{Problem, RefSpec, Schema};
use crate::yaml::Node;
use serde::{Deserialize, Serialize};

/// A subsection's entry; each field belongs to one subsection
/// ([`rules::FIELDS`] says which).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Sveden {
    /// The subsection ([`rules::IDS`]); also in `Common`, read here for the title.
    #[serde(default)]
    pub id: Option<String>,
    /// Pages that continue the subsection (MR v9 §3.1: `addRef` links from
    /// the main page, which the monitoring follows; at most 10 advised).
    #[serde(default)]
    pub continued: Vec<Link>,
    // common — Основные сведения
    #[serde(default)]
    pub full_name: Option<String>,
    #[serde(default)]
    pub short_name: Option<String>,
    /// A date (`1990-09-01` or `01.09.1990`) or the words of absence.
    #[serde(default)]
    pub reg_date: Option<String>,
    #[serde(default)]
    pub founders: Vec<Founder>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub work_time: Option<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub license: Option<Link>,
    #[serde(default)]
    pub accreditation: Option<Link>,
    #[serde(default)]
    pub places_network: Vec<String>,
    #[serde(default)]
    pub places_practice: Vec<String>,
    #[serde(default)]
    pub places_training: Vec<String>,
    #[serde(default)]
    pub places_gia: Vec<String>,
    #[serde(default)]
    pub places_dpo: Vec<String>,
    #[serde(default)]
    pub places_oppo: Vec<String>,
    // struct — Структура и органы управления
    #[serde(default)]
    pub bodies: Vec<Unit>,
    #[serde(default)]
    pub branches: Vec<Unit>,
    #[serde(default)]
    pub representative_offices: Vec<Unit>,
    // document — Документы
    #[serde(default)]
    pub charter: Option<Link>,
    #[serde(default)]
    pub student_rules: Option<Link>,
    #[serde(default)]
    pub labour_rules: Option<Link>,
    #[serde(default)]
    pub collective_agreement: Option<Link>,
    #[serde(default)]
    pub self_evaluation: Option<Link>,
    #[serde(default)]
    pub prescriptions: Option<Link>,
    #[serde(default)]
    pub admission_rules: Option<Link>,
    #[serde(default)]
    pub schedule_rules: Option<Link>,
    #[serde(default)]
    pub assessment_rules: Option<Link>,
    #[serde(default)]
    pub transfer_rules: Option<Link>,
    #[serde(default)]
    pub relations_rules: Option<Link>,
    // education — Образование
    #[serde(default)]
    pub programmes: Vec<Programme>,
    #[serde(default)]
    pub accredited_programmes: Vec<Accredited>,
    #[serde(default)]
    pub languages: Option<Link>,
    #[serde(default)]
    pub enrolment: Option<Link>,
    #[serde(default)]
    pub admission_results: Option<Link>,
    #[serde(default)]
    pub transfer_results: Option<Link>,
    #[serde(default)]
    pub education_accreditation: Option<Link>,
    // eduStandarts — Образовательные стандарты и требования
    #[serde(default)]
    pub federal_standards: Option<Link>,
    #[serde(default)]
    pub own_standards: Option<Link>,
    #[serde(default)]
    pub federal_requirements: Option<Link>,
    #[serde(default)]
    pub own_requirements: Option<Link>,
    // managers — Руководство
    #[serde(default)]
    pub head: Vec<Manager>,
    #[serde(default)]
    pub deputies: Vec<Manager>,
    #[serde(default)]
    pub branch_heads: Vec<Manager>,
    // employees — Педагогический состав
    #[serde(default)]
    pub teachers: Vec<Teacher>,
    // objects — Материально-техническое обеспечение. Доступная среда
    #[serde(default)]
    pub classrooms: Vec<Facility>,
    #[serde(default)]
    pub practice_facilities: Vec<Facility>,
    #[serde(default)]
    pub libraries: Vec<Facility>,
    #[serde(default)]
    pub sports_facilities: Vec<Facility>,
    #[serde(default)]
    pub building_access: Option<String>,
    #[serde(default)]
    pub teaching_means: Option<String>,
    #[serde(default)]
    pub teaching_means_adapted: Option<String>,
    #[serde(default)]
    pub networks: Option<String>,
    #[serde(default)]
    pub networks_adapted: Option<String>,
    #[serde(default)]
    pub e_resources: Option<String>,
    #[serde(default)]
    pub e_resources_adapted: Option<String>,
    #[serde(default)]
    pub special_equipment: Option<String>,
    /// Shown on «objects» and again on «grants», as the MR has it.
    #[serde(default)]
    pub hostel: Option<Hostel>,
    // grants — Стипендии и меры поддержки
    #[serde(default)]
    pub grants: Option<String>,
    #[serde(default)]
    pub support: Option<String>,
    // paid_edu — Платные образовательные услуги
    #[serde(default)]
    pub paid_order: Option<Link>,
    #[serde(default)]
    pub paid_contract: Option<Link>,
    #[serde(default)]
    pub paid_prices: Option<Link>,
    #[serde(default)]
    pub paid_care: Option<Link>,
    // budget — Финансово-хозяйственная деятельность
    #[serde(default)]
    pub fin_federal: Option<String>,
    #[serde(default)]
    pub fin_regional: Option<String>,
    #[serde(default)]
    pub fin_municipal: Option<String>,
    #[serde(default)]
    pub fin_paid: Option<String>,
    #[serde(default)]
    pub fin_years: Vec<FinYear>,
    #[serde(default)]
    pub fin_plan: Option<Link>,
    // vacant — Вакантные места
    #[serde(default)]
    pub vacancies: Vec<Vacancy>,
    // inter — Международное сотрудничество
    #[serde(default)]
    pub agreements: Vec<Agreement>,
    // catering — Организация питания
    #[serde(default)]
    pub meals: Vec<Facility>,
    #[serde(default)]
    pub health: Option<String>,
}

/// A document: a registry entry (`document`), a file beside the source
/// (`file`), an address (`url`); a plain string is its text — the words of
/// absence, or a statement made instead of a file.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename = "@text")]
pub struct Link {
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub document: Option<String>,
    #[serde(default)]
    pub file: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// A founder (учредитель); a string is the name.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename = "@name")]
pub struct Founder {
    pub name: String,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub website: Option<String>,
}

/// A structural unit, governing body, branch or representative office.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename = "@name")]
pub struct Unit {
    pub name: String,
    /// The head's full name.
    #[serde(default)]
    pub fio: Option<String>,
    /// The head's position.
    #[serde(default)]
    pub post: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub emails: Vec<String>,
    /// Its regulation (положение).
    #[serde(default)]
    pub regulation: Option<Link>,
}

/// A head, deputy or branch head; a string is the full name.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename = "@fio")]
pub struct Manager {
    pub fio: String,
    #[serde(default)]
    pub post: Option<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub emails: Vec<String>,
    /// The branch a branch head runs.
    #[serde(default)]
    pub branch: Option<String>,
}

/// A teacher's row of «Педагогический состав»; a string is the full name.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename = "@fio")]
pub struct Teacher {
    pub fio: String,
    #[serde(default)]
    pub post: Option<String>,
    #[serde(default)]
    pub disciplines: Option<String>,
    /// Level of the teacher's education and qualification.
    #[serde(default)]
    pub education: Option<String>,
    #[serde(default)]
    pub degree: Option<String>,
    #[serde(default)]
    pub academic_title: Option<String>,
    /// Повышение квалификации over the last three years.
    #[serde(default)]
    pub qualification: Option<String>,
    /// Профессиональная переподготовка.
    #[serde(default)]
    pub retraining: Option<String>,
    /// Years of work in the speciality.
    #[serde(default)]
    pub experience: Option<String>,
    /// The programmes the teacher works in, by the names of /sveden/education/
    /// (1353, п. 4: the staff is shown per programme).
    #[serde(default)]
    pub programmes: Vec<String>,
}

/// An educational programme (`eduOp`); a string is its name.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename = "@name")]
pub struct Programme {
    pub name: String,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub profile: Option<String>,
    #[serde(default)]
    pub form: Option<String>,
    #[serde(default)]
    pub description: Option<Link>,
    #[serde(default)]
    pub plan: Option<Link>,
    #[serde(default)]
    pub work_programmes: Option<Link>,
    #[serde(default)]
    pub calendar: Option<Link>,
    #[serde(default)]
    pub practice: Option<Link>,
    #[serde(default)]
    pub methodology: Option<Link>,
}

/// An accredited programme (`eduAccred`); a string is its name.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename = "@name")]
pub struct Accredited {
    pub name: String,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub profile: Option<String>,
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub form: Option<String>,
    #[serde(default)]
    pub term: Option<String>,
    #[serde(default)]
    pub subjects: Option<String>,
    #[serde(default)]
    pub practices: Option<String>,
}

/// A room, a library, a sports or catering facility; a string is its name.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename = "@name")]
pub struct Facility {
    pub name: String,
    #[serde(default)]
    pub address: Option<String>,
    /// Its equipment.
    #[serde(default)]
    pub equipment: Option<String>,
    /// Fitness for people with disabilities.
    #[serde(default)]
    pub accessibility: Option<String>,
}

/// Dormitories and boarding schools (`hostelInfo` … `localActObSt`); a
/// string is the statement for all of it («не предусмотрено»).
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename = "@text")]
pub struct Hostel {
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub hostels: Option<String>,
    #[serde(default)]
    pub hostel_places: Option<String>,
    #[serde(default)]
    pub hostel_places_adapted: Option<String>,
    #[serde(default)]
    pub boarding: Option<String>,
    #[serde(default)]
    pub boarding_places: Option<String>,
    #[serde(default)]
    pub boarding_places_adapted: Option<String>,
    #[serde(default)]
    pub access: Option<String>,
    #[serde(default)]
    pub fee: Option<Link>,
}

/// Income and spending of a year (`volume`); a string is the year.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename = "@year")]
pub struct FinYear {
    pub year: String,
    #[serde(default)]
    pub income: Option<String>,
    #[serde(default)]
    pub spending: Option<String>,
}

/// Vacant places of a programme (`vacant`); a string is its name.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename = "@name")]
pub struct Vacancy {
    pub name: String,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub profile: Option<String>,
    #[serde(default)]
    pub course: Option<String>,
    #[serde(default)]
    pub form: Option<String>,
    #[serde(default)]
    pub federal: Option<String>,
    #[serde(default)]
    pub regional: Option<String>,
    #[serde(default)]
    pub municipal: Option<String>,
    #[serde(default)]
    pub paid: Option<String>,
}

/// An international agreement (`internationalDog`); a string is the state.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename = "@state")]
pub struct Agreement {
    pub state: String,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub requisites: Option<String>,
}

super::official::link_paths![
    "sveden":
    "continued[]",
    "license",
    "accreditation",
    "bodies[].regulation",
    "branches[].regulation",
    "representative_offices[].regulation",
    "charter",
    "student_rules",
    "labour_rules",
    "collective_agreement",
    "self_evaluation",
    "prescriptions",
    "admission_rules",
    "schedule_rules",
    "assessment_rules",
    "transfer_rules",
    "relations_rules",
    "programmes[].description",
    "programmes[].plan",
    "programmes[].work_programmes",
    "programmes[].calendar",
    "programmes[].practice",
    "programmes[].methodology",
    "languages",
    "enrolment",
    "admission_results",
    "transfer_results",
    "education_accreditation",
    "federal_standards",
    "own_standards",
    "federal_requirements",
    "own_requirements",
    "hostel.fee",
    "paid_order",
    "paid_contract",
    "paid_prices",
    "paid_care",
    "fin_plan",
];

impl Schema for Sveden {
    const NAME: &'static str = "sveden";
    const LABEL: &'static str = "Сведения об образовательной организации";
    const FOLDERS: &'static [&'static str] = &["sveden"];
    const REFS: &'static [RefSpec] = LINK_REFS;
    const MATERIALS: &'static [&'static str] = LINK_PATHS;
    const FIXED_SLUGS: &'static [&'static str] = rules::IDS;
    const ALIASES: &'static [&'static str] = &["сведения", "svedeniya"];
    const SKELETON: &'static str = "";

    fn new_title(title: &str) -> String {
        super::scaffold::field("id", title)
    }

    fn own_title(&self) -> Option<String> {
        rules::SECTION.title(self.id.as_deref())
    }

    fn check(&self, node: &Node, front: &PageFront, out: &mut Vec<Problem>) {
        rules::check_entry(self, node, front, out);
    }

    fn computed(
        &self,
        _ctx: &dyn super::TitleContext,
        front: &PageFront,
    ) -> Vec<(&'static str, String)> {
        let mut v = rules::SECTION.computed(self.id.as_deref(), front);
        if let Some(d) = self.reg_date.as_deref().and_then(reg_date) {
            v.push(("reg_date_text", d));
        }
        v
    }
}

/// `regDate` as the MR wants it, `дд.мм.гггг`, from `1990-09-01` or
/// `01.09.1990`; `None` when the text is not a whole date.
pub fn reg_date(text: &str) -> Option<String> {
    let t = text.trim();
    let iso = match t.split('.').collect::<Vec<_>>()[..] {
        [d, m, y] if d.len() == 2 && m.len() == 2 && y.len() == 4 => format!("{y}-{m}-{d}"),
        _ => t.to_string(),
    };
    let d = PartialDate::parse(&iso).ok()?;
    d.day?;
    Some(crate::ru::dates::date_numeric(d.first_day()))
}
