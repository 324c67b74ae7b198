-- one row per payroll job title (lower-cased: exports differ in case) and the role it maps to
with

source as (

    select * from {{ ref('job_title_role_map') }}

),

final as (

    select
        lower(trim(job_title)) as job_title,
        lower(trim(role)) as role
    from source

)

select * from final
